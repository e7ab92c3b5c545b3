"""Bayesian linear regression with a known noise variance, numpy-ml style."""
import numpy as np


class BayesianLinearRegressionKnownVariance:
    def __init__(self, b_mean=0, b_sigma=1, b_V=None, fit_intercept=True):
        r"""
        Bayesian linear regression model with known error variance and
        conjugate Gaussian prior on model parameters.

        Parameters
        ----------
        b_mean : :py:class:`ndarray <numpy.ndarray>` of shape `(M,)` or float
            The mean of the Gaussian prior on `b`. If a float, assume `b_mean`
            is ``np.ones(M) * b_mean``. Default is 0.
        b_sigma : float
            A scaling term for covariance of the Gaussian prior on `b`. Default
            is 1.
        b_V : :py:class:`ndarray <numpy.ndarray>` of shape `(N,N)` or `(N,)` or None
            A symmetric positive definite matrix that when multiplied
            element-wise by `b_sigma^2` gives the covariance matrix for the
            Gaussian prior on `b`. If a list, assume ``b_V = diag(b_V)``. If None,
            assume `b_V` is the identity matrix. Default is None.
        fit_intercept : bool
            Whether to fit an intercept term in addition to the coefficients in
            b. If True, the estimates for b will have `M + 1` dimensions, where
            the first dimension corresponds to the intercept. Default is True.
        """
        self.b_V = b_V
        self.b_mean = b_mean
        self.b_sigma = b_sigma
        self.fit_intercept = fit_intercept
        self.posterior = {}
        self.posterior_predictive = {}

    def fit(self, X, y):
        """
        Compute the posterior over model parameters using the data in `X` and
        `y`.

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`
            A dataset consisting of `N` examples, each of dimension `M`.
        y : :py:class:`ndarray <numpy.ndarray>` of shape `(N,)`
            The targets for each of the `N` examples in `X`.
        """
        # convert X to a design matrix if we're fitting an intercept
        if self.fit_intercept:
            X = np.c_[np.ones(X.shape[0]), X]

        N, M = X.shape

        if self.b_V is None:
            self.b_V = np.eye(M)

        if np.isscalar(self.b_mean):
            self.b_mean = self.b_mean * np.ones(M)

        sigma = self.b_sigma
        V_inv = np.linalg.inv(self.b_V)
        # posterior precision and mean: both solved, never an explicit inverse of the precision
        precision = V_inv + X.T @ X
        cov = np.linalg.solve(precision, np.eye(M))
        mu = cov @ (V_inv @ self.b_mean + X.T @ y)

        # posterior covariance is symmetric by construction: eigh is the right call
        self.posterior = {"b": {"mean": mu, "cov": sigma ** 2 * cov}}
        evals = np.linalg.eigvalsh(precision)
        self.condition_number_ = evals[-1] / evals[0]
        return self

    def predict(self, X):
        """
        Return the MAP prediction for the targets associated with `X`.

        Parameters
        ----------
        X : :py:class:`ndarray <numpy.ndarray>` of shape `(Z, M)`
            A dataset consisting of `Z` new examples, each of dimension `M`.

        Returns
        -------
        y_pred : :py:class:`ndarray <numpy.ndarray>` of shape `(Z,)`
            The MAP predictions for the targets associated with the items in
            `X`.
        """
        # convert X to a design matrix if we're fitting an intercept
        if self.fit_intercept:
            X = np.c_[np.ones(X.shape[0]), X]

        mu = X @ self.posterior["b"]["mean"]
        cov = X @ self.posterior["b"]["cov"] @ X.T + np.eye(X.shape[0]) * self.b_sigma ** 2
        self.posterior_predictive = {"mu": mu, "cov": cov}
        return mu

    def log_evidence(self, X, y):
        """Log marginal likelihood of y under the prior, log N(y; X m0, sigma^2 (I + X V X^T))."""
        if self.fit_intercept:
            X = np.c_[np.ones(X.shape[0]), X]
        N = X.shape[0]
        C = self.b_sigma ** 2 * (np.eye(N) + X @ self.b_V @ X.T)
        r = y - X @ self.b_mean
        sign, logdet = np.linalg.slogdet(C)
        return -0.5 * (N * np.log(2 * np.pi) + logdet + r @ np.linalg.solve(C, r))


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = X @ np.array([1.0, -1.0, 0.5]) + 0.3 + 0.5 * rng.normal(size=40)
    model = BayesianLinearRegressionKnownVariance(b_sigma=0.5).fit(X, y)
    print(model.posterior["b"]["mean"], model.condition_number_)
    print(model.predict(X[:3]), model.log_evidence(X, y))
