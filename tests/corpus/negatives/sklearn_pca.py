"""Principal component analysis in the scikit-learn style (SVD of the centred data)."""

import numpy as np


def svd_flip(u, v):
    """Sign correction to ensure deterministic output from SVD.

    Parameters
    ----------
    u : ndarray of shape (n_samples, k)
        Left singular vectors.
    v : ndarray of shape (k, n_features)
        Right singular vectors, as rows (the third result of ``np.linalg.svd``).

    Returns
    -------
    u_adjusted : ndarray of shape (n_samples, k)
    v_adjusted : ndarray of shape (k, n_features)
    """
    max_abs_cols = np.argmax(np.abs(u), axis=0)
    signs = np.sign(u[max_abs_cols, range(u.shape[1])])
    u = u * signs
    v = v * signs[:, np.newaxis]
    return u, v


class PCA:
    """Principal component analysis (PCA).

    Parameters
    ----------
    n_components : int
        Number of components to keep.
    whiten : bool, default=False
        When True the components are divided by the singular values.

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features)
        Principal axes in feature space, sorted by decreasing explained variance.
    explained_variance_ : ndarray of shape (n_components,)
        The amount of variance explained by each of the selected components.
    explained_variance_ratio_ : ndarray of shape (n_components,)
        Percentage of variance explained by each of the selected components.
    singular_values_ : ndarray of shape (n_components,)
        The singular values corresponding to each of the selected components.
    mean_ : ndarray of shape (n_features,)
        Per-feature empirical mean, estimated from the training set.
    """

    def __init__(self, n_components=2, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

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
        self._fit(X)
        return self

    def _fit(self, X):
        n_samples, n_features = X.shape
        self.mean_ = np.mean(X, axis=0)
        Xc = X - self.mean_
        U, S, Vt = np.linalg.svd(Xc, full_matrices=False)
        U, Vt = svd_flip(U, Vt)

        explained_variance_ = (S ** 2) / (n_samples - 1)
        total_var = explained_variance_.sum()
        explained_variance_ratio_ = explained_variance_ / total_var

        k = self.n_components
        self.components_ = Vt[:k]
        self.explained_variance_ = explained_variance_[:k]
        self.explained_variance_ratio_ = explained_variance_ratio_[:k]
        self.singular_values_ = S[:k]
        return U, S, Vt

    def transform(self, X):
        """Apply dimensionality reduction to X.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components)
        """
        X_transformed = (X - self.mean_) @ self.components_.T
        if self.whiten:
            X_transformed /= np.sqrt(self.explained_variance_)
        return X_transformed

    def fit_transform(self, X, y=None):
        U, S, Vt = self._fit(X)
        k = self.n_components
        U = U[:, :k]
        if self.whiten:
            U *= np.sqrt(X.shape[0] - 1)
        else:
            U *= S[:k]
        return U

    def inverse_transform(self, X):
        """Transform data back to its original space.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_components)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        if self.whiten:
            return X @ (np.sqrt(self.explained_variance_[:, np.newaxis]) * self.components_) + self.mean_
        return X @ self.components_ + self.mean_

    def get_covariance(self):
        """Covariance of the data under the model (no noise term), of shape (n_features, n_features)."""
        return (self.components_.T * self.explained_variance_) @ self.components_


if __name__ == "__main__":
    rng = np.random.RandomState(0)
    X = rng.randn(100, 5) @ rng.randn(5, 5)
    pca = PCA(n_components=3).fit(X)
    print("explained variance ratio:", pca.explained_variance_ratio_)
    Z = pca.transform(X)
    print(np.allclose(Z, pca.fit_transform(X)))
    # the eigenvalues of the covariance matrix are the explained variances, largest first
    evals = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1]
    print(np.allclose(evals[:3], pca.explained_variance_))
    X_back = pca.inverse_transform(Z)
    print("reconstruction error:", np.linalg.norm(X - X_back) / np.linalg.norm(X))
