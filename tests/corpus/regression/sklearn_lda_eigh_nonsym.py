"""Fisher's linear discriminant, scikit-learn style."""

import numpy as np


class LinearDiscriminantAnalysis:
    """Linear Discriminant Analysis for dimensionality reduction.

    Parameters
    ----------
    n_components : int, default=None
        Number of components (<= min(n_classes - 1, n_features)).

    Attributes
    ----------
    scalings_ : ndarray of shape (n_features, n_components)
        Discriminant directions, one per column.
    means_ : ndarray of shape (n_classes, n_features)
        Class-wise means.
    """

    def __init__(self, n_components=None):
        self.n_components = n_components

    def fit(self, X, y):
        """Fit the model.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            Training data.
        y : ndarray of shape (n_samples,)
            Target values.

        Returns
        -------
        self : object
        """
        classes = np.unique(y)
        n_features = X.shape[1]
        overall_mean = X.mean(axis=0)
        S_W = np.zeros((n_features, n_features))
        S_B = np.zeros((n_features, n_features))
        means = []
        for c in classes:
            X_c = X[y == c]
            mean_c = X_c.mean(axis=0)
            means.append(mean_c)
            S_W += (X_c - mean_c).T @ (X_c - mean_c)
            diff = (mean_c - overall_mean).reshape(-1, 1)
            S_B += X_c.shape[0] * diff @ diff.T
        self.means_ = np.array(means)

        # S_W^-1 S_B is not symmetric: eigh reads one triangle of it and returns wrong pairs
        evals, evecs = np.linalg.eigh(np.linalg.inv(S_W) @ S_B)  # expect: L202, L208
        order = np.argsort(evals)[::-1]
        k = self.n_components or (len(classes) - 1)
        self.scalings_ = evecs[:, order[:k]]
        return self

    def transform(self, X):
        """Project data to maximize class separation.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components)
        """
        return X @ self.scalings_


if __name__ == "__main__":
    rng = np.random.RandomState(0)
    X = np.vstack([rng.randn(40, 3) + [2, 0, 0], rng.randn(40, 3) - [2, 0, 0], rng.randn(40, 3) + [0, 3, 0]])
    y = np.repeat([0, 1, 2], 40)
    lda = LinearDiscriminantAnalysis(n_components=2).fit(X, y)
    print(lda.transform(X)[:3])
