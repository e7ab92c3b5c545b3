"""A ridge regression estimator in the scikit-learn style."""

import numpy as np
from scipy import linalg


class BaseEstimator:
    def get_params(self, deep=True):
        return {k: v for k, v in vars(self).items() if not k.endswith("_")}

    def set_params(self, **params):
        for key, value in params.items():
            setattr(self, key, value)
        return self


class Ridge(BaseEstimator):
    """Linear least squares with l2 regularization.

    Minimizes the objective function::

    ||y - Xw||^2_2 + alpha * ||w||^2_2

    Parameters
    ----------
    alpha : float, default=1.0
        Constant that multiplies the L2 term, controlling regularization
        strength. `alpha` must be a non-negative float.
    fit_intercept : bool, default=True
        Whether to fit the intercept for this model.
    solver : {'cholesky', 'svd'}, default='cholesky'
        Solver to use in the computational routines.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Weight vector.
    intercept_ : float
        Independent term in decision function.
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, solver="cholesky"):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver

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
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        n_samples, n_features = X.shape

        if self.fit_intercept:
            X_offset = X.mean(axis=0)
            y_offset = y.mean()
            X = X - X_offset
            y = y - y_offset
        else:
            X_offset = np.zeros(n_features)
            y_offset = 0.0

        if self.solver == "cholesky":
            A = X.T @ X + self.alpha * np.eye(n_features)
            b = X.T @ y
            self.coef_ = linalg.solve(A, b, assume_a="pos")
        elif self.solver == "svd":
            U, s, Vt = np.linalg.svd(X, full_matrices=False)
            d = s / (s ** 2 + self.alpha)
            self.coef_ = Vt.T @ (d * (U.T @ y))
        else:
            raise ValueError("Unknown solver %r" % self.solver)

        self.intercept_ = y_offset - X_offset @ self.coef_
        return self

    def predict(self, X):
        """Predict using the linear model.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        C : ndarray of shape (n_samples,)
            Returns predicted values.
        """
        return np.asarray(X) @ self.coef_ + self.intercept_

    def score(self, X, y):
        """Return the coefficient of determination of the prediction.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test samples.
        y : array-like of shape (n_samples,)
            True values for `X`.

        Returns
        -------
        score : float
            R^2 of ``self.predict(X)`` w.r.t. `y`.
        """
        y_pred = self.predict(X)
        u = ((y - y_pred) ** 2).sum()
        v = ((y - y.mean()) ** 2).sum()
        return 1 - u / v


def ridge_path(X, y, alphas):
    """Coefficients for several penalties from one SVD.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    alphas : ndarray of shape (n_alphas,)

    Returns
    -------
    coefs : ndarray of shape (n_alphas, n_features)
    """
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    Uty = U.T @ y
    coefs = np.zeros((len(alphas), X.shape[1]))
    for i, alpha in enumerate(alphas):
        coefs[i] = Vt.T @ (s / (s ** 2 + alpha) * Uty)
    return coefs


if __name__ == "__main__":
    rng = np.random.RandomState(0)
    n_samples, n_features = 50, 5
    X = rng.randn(n_samples, n_features)
    true_coef = rng.randn(n_features)
    y = X @ true_coef + 3.0 + 0.1 * rng.randn(n_samples)

    chol = Ridge(alpha=0.5).fit(X, y)
    svd = Ridge(alpha=0.5, solver="svd").fit(X, y)
    print("coef (cholesky):", chol.coef_)
    print("coef (svd):     ", svd.coef_)
    print("same:", np.allclose(chol.coef_, svd.coef_), "R^2:", chol.score(X, y))
    Xc = X - X.mean(axis=0)
    print(ridge_path(Xc, y - y.mean(), np.logspace(-3, 3, 7))[:, 0])
