import numpy as np
from scipy.linalg import svd


class TruncatedPCA:
    """PCA by SVD of the centred data.

    Parameters
    ----------
    n_components : int
    """

    def __init__(self, n_components=2):
        self.n_components = n_components

    def fit(self, X):
        """
        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        """
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        U, s, Vt = svd(Xc, full_matrices=False)
        k = self.n_components
        # the rows of Vt are the right singular vectors: its columns are not
        self.components_ = Vt[:, :k].T  # expect: L204
        self.rebuilt_ = np.dot(U, np.dot(np.diag(s), Vt.T))  # expect: L204
        return self

    def transform(self, X):
        return (X - self.mean_) @ self.components_.T


rng = np.random.default_rng(0)
X = rng.normal(size=(100, 6))
Z = TruncatedPCA(2).fit(X).transform(X)
print(Z.shape)
