"""PCA, scikit-learn style, with the third result of svd read as V."""

import numpy as np


class PCA:
    """Principal component analysis (PCA).

    Parameters
    ----------
    n_components : int
        Number of components to keep.

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features)
        Principal axes in feature space.
    explained_variance_ : ndarray of shape (n_components,)
        The amount of variance explained by each of the selected components.
    mean_ : ndarray of shape (n_features,)
        Per-feature empirical mean, estimated from the training set.
    """

    def __init__(self, n_components=2):
        self.n_components = n_components

    def fit(self, X, y=None):
        """Fit the model with X.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            Training data.
        y : Ignored

        Returns
        -------
        self : object
        """
        n_samples, n_features = X.shape
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        U, S, V = np.linalg.svd(Xc, full_matrices=False)
        k = self.n_components
        self.components_ = V[:k]
        self.explained_variance_ = S[:k] ** 2 / (n_samples - 1)
        # the first principal axis, taken as a column of the third result (which is V^T)
        self.first_axis_ = V[:, 0]  # expect: L204
        self.U_, self.S_, self.V_ = U, S, V
        return self

    def transform(self, X):
        """Apply dimensionality reduction to X.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components)
        """
        return (X - self.mean_) @ self.components_.T

    def reconstruction(self, X):
        """Rebuild the centred training data from its SVD: U diag(S) V^T.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        """
        Xc = X - self.mean_
        U, S, Vt = np.linalg.svd(Xc, full_matrices=False)
        return U @ np.diag(S) @ Vt.T + self.mean_  # expect: L204


if __name__ == "__main__":
    rng = np.random.RandomState(42)
    X = rng.randn(50, 3) @ rng.randn(3, 3)
    pca = PCA(n_components=2).fit(X)
    print(pca.explained_variance_, pca.first_axis_)
    print(np.linalg.norm(pca.reconstruction(X) - X))
