"""Ridge regression, scikit-learn style, with the closed form written from the textbook."""

import numpy as np


class Ridge:
    """Linear least squares with l2 regularization.

    Parameters
    ----------
    alpha : float, default=1.0
        Regularization strength; must be a positive float.
    fit_intercept : bool, default=True
        Whether to fit the intercept for this model.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Weight vector.
    intercept_ : float
        Independent term in decision function.
    """

    def __init__(self, alpha=1.0, fit_intercept=True):
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Fit Ridge regression model.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            Training data.
        y : ndarray of shape (n_samples,)
            Target values.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        n_samples, n_features = X.shape
        if self.fit_intercept:
            X_offset = X.mean(axis=0)
            y_offset = y.mean()
        else:
            X_offset = np.zeros(n_features)
            y_offset = 0.0
        Xc = X - X_offset
        yc = y - y_offset
        # w = (X^T X + alpha I)^-1 X^T y, as on the slide
        A = Xc.T @ Xc + self.alpha * np.eye(n_features)
        self.coef_ = np.linalg.inv(A) @ Xc.T @ yc  # expect: L202
        self.intercept_ = y_offset - X_offset @ self.coef_
        return self

    def predict(self, X):
        """Predict using the linear model.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        C : ndarray of shape (n_samples,)
            Returns predicted values.
        """
        return X @ self.coef_ + self.intercept_

    def score(self, X, y):
        """Return the coefficient of determination R^2 of the prediction.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
        """
        y_pred = self.predict(X)
        return 1 - np.sum((y - y_pred) ** 2) / np.sum((y - y.mean()) ** 2)


class KernelRidge:
    """Kernel ridge regression with an RBF kernel.

    Parameters
    ----------
    alpha : float, default=1.0
        Regularization strength.
    gamma : float, default=1.0
        RBF kernel coefficient.
    """

    def __init__(self, alpha=1.0, gamma=1.0):
        self.alpha = alpha
        self.gamma = gamma

    def _kernel(self, A, B):
        sq = np.sum(A ** 2, axis=1)[:, None] - 2 * A @ B.T + np.sum(B ** 2, axis=1)[None, :]
        return np.exp(-self.gamma * np.maximum(sq, 0))

    def fit(self, X, y):
        """
        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
        """
        K = self._kernel(X, X)
        self.X_fit_ = X
        self.dual_coef_ = np.linalg.solve(K + self.alpha * np.eye(X.shape[0]), y)
        return self

    def predict(self, X):
        return self._kernel(X, self.X_fit_) @ self.dual_coef_


if __name__ == "__main__":
    rng = np.random.RandomState(0)
    X = rng.randn(60, 4)
    y = X @ np.array([1.0, 0.0, -2.0, 0.5]) + 0.1 * rng.randn(60)
    print(Ridge(alpha=0.1).fit(X, y).score(X, y))
    print(np.mean((KernelRidge(alpha=0.1).fit(X, y).predict(X) - y) ** 2))
