"""An OLS model in the numpy-ml style, closed form through the explicit inverse."""
import numpy as np


class LinearRegression:
    def __init__(self, fit_intercept=True):
        r"""
        An ordinary least squares regression model fit via the normal equation.

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

        self.sigma_inv = np.linalg.pinv(X.T @ X)
        pseudo_inverse = np.linalg.inv(X.T @ X) @ X.T  # expect: L202
        self.beta = np.dot(pseudo_inverse, y)
        self._is_fit = True
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
        if self.fit_intercept:
            X = np.c_[np.ones(X.shape[0]), X]
        return np.dot(X, self.beta)


class WeightedLeastSquares:
    def __init__(self):
        """Least squares with one weight per example: beta = (X^T W X)^-1 X^T W y."""
        self.beta = None

    def fit(self, X, y, weights):
        """
        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
            A dataset consisting of `N` examples, each of dimension `M`.
        y : :py:class:`ndarray <numpy.ndarray>` of shape `(N,)`
            The targets.
        weights : :py:class:`ndarray <numpy.ndarray>` of shape `(N,)`
            One non-negative weight per example.
        """
        W = np.diag(weights)
        # the normal equations of the weighted problem, one transpose short on the right-hand side
        self.beta = np.linalg.solve(X.T @ W @ X, X @ W @ y)  # expect: L201, S101
        return self


if __name__ == "__main__":
    np.random.seed(12345)
    X = np.random.randn(100, 4)
    y = X @ np.random.randn(4, 2)
    model = LinearRegression().fit(X, y)
    print(np.allclose(model.predict(X), y))
