import numpy as np


def load_faces(path):
    """Load a (m, n) matrix of flattened face images, one image per row."""
    return np.load(path)


def pca_eig(X, k):
    """Top-k principal components from the eigendecomposition of the scatter matrix.

    Args:
        X: Data, shape (m, n), one example per row.
        k: Number of components.

    Returns:
        U_k: Components, shape (n, k), one per column.
        lam_k: Their eigenvalues, shape (k,).
    """
    m, n = X.shape
    Xc = X - X.mean(axis=0)
    S = Xc.T @ Xc / m
    # general eig on a symmetric matrix: complex round-off, no order, basis not orthonormal
    lam, U = np.linalg.eig(S)  # expect: L205
    lam, U = lam.real, U.real
    idx = np.argsort(lam)[::-1]
    return U[:, idx[:k]], lam[idx[:k]]


def pca_eigh(X, k):
    """Top-k principal components through eigh.

    Args:
        X: Data, shape (m, n), one example per row.
        k: Number of components.

    Returns:
        U_k: Components, shape (n, k), one per column.
        lam_k: Their eigenvalues, shape (k,).
    """
    Xc = X - X.mean(axis=0)
    S = np.cov(Xc, rowvar=False)
    lam, U = np.linalg.eigh(S)
    # eigh sorts ascending: these are the k directions of LEAST variance
    U_k = U[:, :k]  # expect: L206
    lam_k = lam[::-1][:k]
    return U_k, lam_k


def reconstruct(X, U_k):
    """Project onto the components and back.

    Args:
        X: Data, shape (m, n).
        U_k: Components, shape (n, k).

    Returns:
        X_hat: shape (m, n).
    """
    mu = X.mean(axis=0)
    Z = (X - mu) @ U_k
    return Z @ U_k.T + mu


def main(path, k=20):
    X = load_faces(path)
    U_a, lam_a = pca_eig(X, k)
    U_b, lam_b = pca_eigh(X, k)
    for name, U in (("eig", U_a), ("eigh", U_b)):
        err = np.linalg.norm(X - reconstruct(X, U)) / np.linalg.norm(X)
        print('{}: relative reconstruction error {:.4f}'.format(name, err))


if __name__ == '__main__':
    rng = np.random.default_rng(0)
    toy = rng.normal(size=(200, 3)) @ rng.normal(size=(3, 30))
    np.save('toy_faces.npy', toy)
    main('toy_faces.npy', k=3)
