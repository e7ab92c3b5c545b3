# %% [markdown]
# # Exercise 1: closed-form ordinary least squares
#
# Data $X \in \mathbb{R}^{n \times d}$ (full column rank), targets $y \in \mathbb{R}^{n}$,
# weights $w \in \mathbb{R}^{d}$. We minimise the squared error
#
# $$L(w) = \lVert y - X w \rVert^2 = y^\top y - 2 w^\top X^\top y + w^\top X^\top X w .$$
#
# With $\nabla_w (w^\top A w) = 2 A w$ for symmetric $A$ (Matrix Cookbook 2.4),
#
# $$\nabla_w L = 2 X^\top X w - 2 X^\top y = 0
# \quad\Longrightarrow\quad X^\top X \hat w = X^\top y .$$
#
# These are the normal equations; $\hat w = (X^\top X)^{-1} X^\top y$, which we compute by
# solving the $d \times d$ system rather than forming the inverse (Strang 4.3).

# %%
from __future__ import annotations

import numpy as np

# %% [markdown]
# ## Synthetic data with a known answer

# %%
n, d = 200, 3
rng = np.random.default_rng(0)
X = rng.normal(size=(n, d))
w_true = np.array([1.5, -2.0, 0.5])  # shape: (d,)
noise = 0.1 * rng.normal(size=n)
y = X @ w_true + noise
assert X.shape == (n, d)
assert y.shape == (n,)


# %%
def ols_normal_equations(X, y):
    """Least-squares weights from the normal equations X^T X w = X^T y.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Design matrix with full column rank.
    y : ndarray of shape (n_samples,)
        Targets.

    Returns
    -------
    w : ndarray of shape (n_features,)
        The minimiser of ||y - X w||^2.
    """
    gram = X.T @ X  # shape: (n_features, n_features)
    moment = X.T @ y
    return np.linalg.solve(gram, moment)


# %%
w_hat = ols_normal_equations(X, y)
w_lstsq, *_ = np.linalg.lstsq(X, y, rcond=None)
print("normal equations:", w_hat)
print("np.linalg.lstsq: ", w_lstsq)
assert np.allclose(w_hat, w_lstsq)
# %timeit ols_normal_equations(X, y)

# %% [markdown]
# ## The projection picture
#
# $\hat y = X \hat w = H y$ with the hat matrix $H = X (X^\top X)^{-1} X^\top \in \mathbb{R}^{n \times n}$:
# it projects onto the column space of $X$ (MIT 18.06 lecture 16), so $\operatorname{tr} H = d$
# and the residual $y - \hat y$ is orthogonal to every column: $X^\top (y - \hat y) = 0$.

# %%
H = X @ np.linalg.solve(X.T @ X, X.T)  # shape: (n, n)
y_hat = H @ y
residual = y - y_hat  # both length n: an elementwise difference, nothing broadcasts
assert np.allclose(y_hat, X @ w_hat)
assert np.isclose(np.trace(H), d)
assert np.allclose(X.T @ residual, 0.0, atol=1e-9)

# %% [markdown]
# ## The same fit from the $n \times n$ Gram matrix
#
# For ridge regression with $\lambda > 0$ the push-through identity
# $(X^\top X + \lambda I_d)^{-1} X^\top = X^\top (X X^\top + \lambda I_n)^{-1}$ lets us solve in
# sample space. $X X^\top$ is the Gram matrix of the samples: the product is meant.

# %%
lam = 0.1
G = X @ X.T
w_dual = X.T @ np.linalg.solve(G + lam * np.eye(n), y)
w_primal = np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)
assert np.allclose(w_dual, w_primal)


# %% [markdown]
# ## Gradient descent reaches the same point
#
# With $L(w) = \frac{1}{n} \lVert X w - y \rVert^2$ the gradient is $\frac{2}{n} X^\top (X w - y)$.
# We keep every iterate; the path grows by one row per step.


# %%
def mse(w, X, y):
    """Mean squared error; w : ndarray of shape (d,)."""
    r = X @ w - y
    return r @ r / X.shape[0]


def grad_mse(w, X, y):
    """Gradient of mse with respect to w."""
    return 2.0 * X.T @ (X @ w - y) / X.shape[0]


w = np.zeros(d)
path = w[None, :]
for step in range(300):
    w = w - 0.1 * grad_mse(w, X, y)
    path = np.vstack([path, w])
print("iterates kept:", path.shape, "final mse:", mse(w, X, y))
assert np.allclose(w, w_hat, atol=1e-8)
