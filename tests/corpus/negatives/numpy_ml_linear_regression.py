"""Linear models in the numpy-ml style (ddbourgeois/numpy-ml, numpy_ml/linear_models)."""
import numpy as np


class LinearRegression:
    def __init__(self, fit_intercept=True):
        r"""
        An ordinary least squares regression model fit via the normal equation.

        Notes
        -----
        Given data matrix **X** and target vector **y**, the maximum-likelihood
        estimate for the regression coefficients, :math:`\beta`, is:

        .. math::

            \hat{\beta} = \left(\mathbf{X}^\top \mathbf{X}\right)^{-1} \mathbf{X}^\top \mathbf{y}

        Parameters
        ----------
        fit_intercept : bool
            Whether to fit an intercept term in addition to the model
            coefficients. Default is True.
        """
        self.beta = None
        self.sigma_inv = None
        self.fit_intercept = fit_intercept
        self._is_fit = False

    def fit(self, X, y):
        """
        Fit the regression coefficients via maximum likelihood.

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
            A dataset consisting of `N` examples, each of dimension `M`.
        y : :py:class:`ndarray <numpy.ndarray>` of shape `(N, K)`
            The targets for each of the `N` examples in `X`, where each target
            has dimension `K`.

        Returns
        -------
        self : :class:`LinearRegression <numpy_ml.linear_models.LinearRegression>` instance
        """
        # convert X to a design matrix if we're fitting an intercept
        if self.fit_intercept:
            X = np.c_[np.ones(X.shape[0]), X]

        # solve X^T X beta = X^T y instead of forming the inverse
        self.sigma_inv = np.linalg.pinv(X.T @ X)
        self.beta = np.linalg.lstsq(X, y, rcond=None)[0]
        self._is_fit = True
        return self

    def update(self, X, y):
        r"""
        Incrementally update the least-squares coefficients for a set of new
        examples (recursive least squares, Sherman-Morrison-Woodbury).

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
            A dataset consisting of `N` examples, each of dimension `M`.
        y : :py:class:`ndarray <numpy.ndarray>` of shape `(N, K)`
            The targets for each of the `N` examples in `X`, where each target
            has dimension `K`.

        Returns
        -------
        self : :class:`LinearRegression <numpy_ml.linear_models.LinearRegression>` instance
        """
        if not self._is_fit:
            raise RuntimeError("You must call the `fit` method before calling `update`")

        X, y = np.atleast_2d(X), np.atleast_2d(y)

        X1, Y1 = X.shape[0], y.shape[0]
        if X1 != Y1:
            raise ValueError("First dimension of X and y must be the same")

        # convert X to a design matrix if we're fitting an intercept
        if self.fit_intercept:
            X = np.c_[np.ones(X1), X]

        S_inv = self.sigma_inv
        # (I + X S^-1 X^T) is symmetric positive definite: solve with it, never invert it
        core = np.eye(X1) + X @ S_inv @ X.T
        S_inv -= S_inv @ X.T @ np.linalg.solve(core, X @ S_inv)
        self.beta += S_inv @ X.T @ (y - X @ self.beta)
        return self

    def predict(self, X):
        """
        Use the trained model to generate predictions on a new collection of
        data points.

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(Z, M)`
            A dataset consisting of `Z` new examples, each of dimension `M`.

        Returns
        -------
        y_pred : :py:class:`ndarray <numpy.ndarray>` of shape `(Z, K)`
            The model predictions for the items in `X`.
        """
        # convert X to a design matrix if we're fitting an intercept
        if self.fit_intercept:
            X = np.c_[np.ones(X.shape[0]), X]
        return np.dot(X, self.beta)


class RidgeRegression:
    def __init__(self, alpha=1, fit_intercept=True):
        r"""
        A ridge regression model with maximum likelihood fit via the normal
        equations.

        Parameters
        ----------
        alpha : float
            L2 regularization coefficient. Larger values correspond to larger
            penalty on the L2 norm of the model coefficients. Default is 1.
        fit_intercept : bool
            Whether to fit an additional intercept term. Default is True.
        """
        self.beta = None
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """
        Fit the regression coefficients via maximum likelihood.

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
            A dataset consisting of `N` examples, each of dimension `M`.
        y : :py:class:`ndarray <numpy.ndarray>` of shape `(N, K)`
            The targets for each of the `N` examples in `X`, where each target
            has dimension `K`.

        Returns
        -------
        self : :class:`RidgeRegression <numpy_ml.linear_models.RidgeRegression>` instance
        """
        # convert X to a design matrix if we're fitting an intercept
        if self.fit_intercept:
            X = np.c_[np.ones(X.shape[0]), X]

        A = self.alpha * np.eye(X.shape[1])
        self.beta = np.linalg.solve(X.T @ X + A, X.T @ y)
        return self

    def predict(self, X):
        """
        Use the trained model to generate predictions on a new collection of
        data points.

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(Z, M)`
            A dataset consisting of `Z` new examples, each of dimension `M`.

        Returns
        -------
        y_pred : :py:class:`ndarray <numpy.ndarray>` of shape `(Z, K)`
            The model predictions for the items in `X`.
        """
        # convert X to a design matrix if we're fitting an intercept
        if self.fit_intercept:
            X = np.c_[np.ones(X.shape[0]), X]
        return np.dot(X, self.beta)


if __name__ == "__main__":
    np.random.seed(12345)
    N, M, K = 100, 4, 2
    X = np.random.randn(N, M)
    B = np.random.randn(M, K)
    y = X @ B + 1.0 + 0.01 * np.random.randn(N, K)
    ols = LinearRegression().fit(X[:80], y[:80])
    ols.update(X[80:], y[80:])
    full = LinearRegression().fit(X, y)
    print("recursive update matches a full fit:", np.allclose(ols.beta, full.beta))
    ridge = RidgeRegression(alpha=1e-8).fit(X, y)
    print(np.allclose(ridge.predict(X), full.predict(X), atol=1e-4))
