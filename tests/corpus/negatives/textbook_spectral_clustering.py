"""Spectral clustering and a Markov chain: eigenvectors people want from the *small* end."""
import numpy as np

rng = np.random.default_rng(12)


def rbf_affinity(X, gamma=1.0):
    """Gaussian affinities between the rows of X.

    Parameters
    ----------
    X : ndarray of shape (n, d)

    Returns
    -------
    W : ndarray of shape (n, n)
    """
    sq = np.sum(X ** 2, axis=1)
    d2 = sq[:, None] + sq[None, :] - 2 * X @ X.T
    W = np.exp(-gamma * np.maximum(d2, 0))
    np.fill_diagonal(W, 0.0)
    return W


def spectral_embedding(W, k):
    """The k smallest eigenvectors of the normalised Laplacian, after the trivial one.

    Parameters
    ----------
    W : ndarray of shape (n, n)
        Symmetric affinities.
    k : int

    Returns
    -------
    E : ndarray of shape (n, k)
    """
    deg = W.sum(axis=1)
    D_inv_sqrt = np.diag(1 / np.sqrt(deg))
    L = np.eye(W.shape[0]) - D_inv_sqrt @ W @ D_inv_sqrt
    vals, vecs = np.linalg.eigh(L)  # ascending: the small end is what spectral clustering wants
    fiedler = vecs[:, 1]
    E = vecs[:, 1:k + 1]
    E = E / np.linalg.norm(E, axis=1, keepdims=True)
    return E, fiedler, vals


def kmeans(E, k, iters=50):
    centers = E[rng.choice(E.shape[0], k, replace=False)]
    for _ in range(iters):
        labels = np.argmin(((E[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2), axis=1)
        centers = np.array([E[labels == j].mean(axis=0) if np.any(labels == j) else centers[j] for j in range(k)])
    return labels


def stationary_distribution(P):
    """Stationary distribution of a row-stochastic matrix P (not symmetric: eig, not eigh).

    Parameters
    ----------
    P : ndarray of shape (m, m)

    Returns
    -------
    pi : ndarray of shape (m,)
    """
    vals, vecs = np.linalg.eig(P.T)
    i = np.argmin(np.abs(vals - 1))
    pi = np.real(vecs[:, i])
    return pi / pi.sum()


def power_iteration(P, iters=500):
    pi = np.full(P.shape[0], 1.0 / P.shape[0])
    for _ in range(iters):
        pi = pi @ P
    return pi


def smallest_hessian_direction(H):
    """Direction of least curvature of a symmetric Hessian (saddle-point check): eigh's first pair."""
    vals, vecs = np.linalg.eigh(H)
    return vals[0], vecs[:, 0]


if __name__ == "__main__":
    X = np.vstack([rng.normal(0, 0.3, size=(40, 2)), rng.normal(3, 0.3, size=(40, 2))])
    W = rbf_affinity(X, gamma=2.0)
    E, fiedler, vals = spectral_embedding(W, 2)
    labels = kmeans(E, 2)
    print("cluster sizes:", np.bincount(labels), "sign split:", np.sum(fiedler > 0))

    P = rng.random((4, 4))
    P = P / P.sum(axis=1, keepdims=True)
    print(stationary_distribution(P), power_iteration(P))

    A = rng.normal(size=(3, 3))
    H = A + A.T
    print(smallest_hessian_direction(H))
