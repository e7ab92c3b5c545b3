"""Numerically careful logistic functions, the way the careful tutorials write them."""
import numpy as np


def stable_sigmoid(z):
    """1 / (1 + exp(-z)) for z >= 0 and exp(z) / (1 + exp(z)) for z < 0: exp never overflows.

    Parameters
    ----------
    z : ndarray of shape (n,)

    Returns
    -------
    s : ndarray of shape (n,)
    """
    out = np.zeros_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1 + ez)
    return out


def sigmoid_via_abs(z):
    """The same in one line: exp(-|z|) is at most 1."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def softplus(x):
    """log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|))."""
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def log_sigmoid(z):
    """log sigmoid(z) = -softplus(-z)."""
    return -np.logaddexp(0, -z)


def logistic_loss(w, X, y):
    """Mean logistic loss with labels in {-1, +1}: mean log(1 + exp(-y x^T w)).

    Parameters
    ----------
    w : ndarray of shape (d,)
    X : ndarray of shape (n, d)
    y : ndarray of shape (n,)
    """
    margins = y * (X @ w)
    return np.mean(np.logaddexp(0, -margins))


def logistic_grad(w, X, y):
    """Gradient of logistic_loss: -mean(y x sigmoid(-y x^T w)).

    Parameters
    ----------
    w : ndarray of shape (d,)
    X : ndarray of shape (n, d)
    y : ndarray of shape (n,)
    """
    margins = y * (X @ w)
    return -(X.T @ (y * stable_sigmoid(-margins))) / X.shape[0]


def bernoulli_log_likelihood(p, y):
    """Log-likelihood of labels y in {0, 1} under probabilities p, clipped away from 0 and 1."""
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))


if __name__ == "__main__":
    z = np.array([-1000.0, -5.0, 0.0, 5.0, 1000.0])
    print(stable_sigmoid(z), sigmoid_via_abs(z))
    print(softplus(z), np.logaddexp(0, z))
    print(log_sigmoid(z))
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    y = np.sign(X @ np.array([1.0, -1.0, 0.5]) + 0.1 * rng.normal(size=50))
    w = np.zeros(3)
    for it in range(300):
        w -= 0.5 * logistic_grad(w, X, y)
    print(w, logistic_loss(w, X, y))
    p = stable_sigmoid(X @ w)
    print(bernoulli_log_likelihood(p, (y > 0).astype(float)))
