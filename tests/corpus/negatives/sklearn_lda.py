"""Linear discriminant analysis, scikit-learn 'eigen' solver style."""

import numpy as np
import scipy.linalg


def _class_means(X, y):
    """Compute class means.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Input data.
    y : array-like of shape (n_samples,)
        Target values.

    Returns
    -------
    means : array-like of shape (n_classes, n_features)
        Class means.
    """
    classes = np.unique(y)
    means = np.zeros((len(classes), X.shape[1]))
    for i, c in enumerate(classes):
        means[i] = X[y == c].mean(axis=0)
    return means


def _class_cov(X, y, priors):
    """Compute weighted within-class covariance matrix.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Input data.
    y : array-like of shape (n_samples,)
        Target values.
    priors : array-like of shape (n_classes,)
        Class priors.

    Returns
    -------
    cov : array-like of shape (n_features, n_features)
        Weighted within-class covariance matrix
    """
    classes = np.unique(y)
    cov = np.zeros(shape=(X.shape[1], X.shape[1]))
    for idx, group in enumerate(classes):
        Xg = X[y == group, :]
        cov += priors[idx] * np.atleast_2d(np.cov(Xg, rowvar=False, bias=True))
    return cov


class LinearDiscriminantAnalysis:
    """Linear Discriminant Analysis.

    Parameters
    ----------
    n_components : int, default=None
        Number of components (<= min(n_classes - 1, n_features)) for
        dimensionality reduction.

    Attributes
    ----------
    coef_ : ndarray of shape (n_classes, n_features)
        Weight vector(s).
    intercept_ : ndarray of shape (n_classes,)
        Intercept term.
    scalings_ : array-like of shape (n_features, n_features)
        Scaling of the features in the space spanned by the class centroids.
    """

    def __init__(self, n_components=None):
        self.n_components = n_components

    def _solve_eigen(self, X, y):
        """Eigenvalue solver: the generalized problem Sb v = lambda Sw v, both sides symmetric."""
        self.means_ = _class_means(X, y)
        self.covariance_ = _class_cov(X, y, self.priors_)

        Sw = self.covariance_  # within scatter
        St = np.atleast_2d(np.cov(X, rowvar=False, bias=True))  # total scatter
        Sb = St - Sw  # between scatter

        evals, evecs = scipy.linalg.eigh(Sb, Sw)
        self.explained_variance_ratio_ = np.sort(evals / np.sum(evals))[::-1]
        evecs = evecs[:, np.argsort(evals)[::-1]]  # sort eigenvectors

        self.scalings_ = evecs
        self.coef_ = np.dot(self.means_, evecs).dot(evecs.T)
        self.intercept_ = -0.5 * np.diag(np.dot(self.means_, self.coef_.T)) + np.log(self.priors_)

    def fit(self, X, y):
        """Fit the Linear Discriminant Analysis model.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target values.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        self.classes_, y_t = np.unique(y, return_inverse=True)
        self.priors_ = np.bincount(y_t) / float(len(y))
        self._solve_eigen(X, y)
        return self

    def transform(self, X):
        """Project data to maximize class separation.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Input data.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components)
            Transformed data.
        """
        X_new = np.dot(X - self.means_.mean(axis=0), self.scalings_)
        return X_new[:, : self.n_components]

    def decision_function(self, X):
        return X @ self.coef_.T + self.intercept_

    def predict(self, X):
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]


if __name__ == "__main__":
    rng = np.random.RandomState(0)
    X = np.vstack([rng.randn(50, 4) + [2, 0, 0, 0], rng.randn(50, 4) - [2, 0, 0, 0], rng.randn(50, 4) + [0, 3, 0, 0]])
    y = np.repeat([0, 1, 2], 50)
    lda = LinearDiscriminantAnalysis(n_components=2).fit(X, y)
    print("accuracy:", np.mean(lda.predict(X) == y))
    print(lda.transform(X).shape, lda.explained_variance_ratio_)
