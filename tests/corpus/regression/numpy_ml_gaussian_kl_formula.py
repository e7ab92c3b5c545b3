"""Closed-form KL divergences between Gaussians, as in a variational-inference helper module."""
import numpy as np


def gaussian_kl_univariate(mu0, var0, mu1, var1):
    """KL(N(mu0, var0) || N(mu1, var1)) for scalars."""
    return 0.5 * (np.log(var1 / var0) + (var0 + (mu0 - mu1) ** 2) / var1 - 1)


def gaussian_kl(mu0, S0, mu1, S1):
    """
    KL(N(mu0, S0) || N(mu1, S1)) between two multivariate Gaussians.

    Parameters
    ----------
    mu0 : :py:class:`ndarray <numpy.ndarray>` of shape `(k,)`
        Mean of the first Gaussian.
    S0 : :py:class:`ndarray <numpy.ndarray>` of shape `(k, k)`
        Covariance of the first Gaussian.
    mu1 : :py:class:`ndarray <numpy.ndarray>` of shape `(k,)`
        Mean of the second Gaussian.
    S1 : :py:class:`ndarray <numpy.ndarray>` of shape `(k, k)`
        Covariance of the second Gaussian.

    Returns
    -------
    kl : float
    """
    k = mu0.shape[0]
    diff = mu1 - mu0
    # tr(S1^-1 S0) is wanted; this is tr(S0^-1 S1)
    trace_term = np.trace(np.linalg.solve(S0, S1))  # expect: P402
    quad = diff @ np.linalg.solve(S1, diff)
    # log |S1| / |S0| through det: over/underflows for large k
    logdet_ratio = np.log(np.linalg.det(S1) / np.linalg.det(S0))
    return 0.5 * (trace_term + quad - k + logdet_ratio)


def gaussian_kl_diag(mu0, var0, mu1, var1):
    """
    KL between two Gaussians with diagonal covariances.

    Parameters
    ----------
    mu0, var0, mu1, var1 : :py:class:`ndarray <numpy.ndarray>` of shape `(k,)`

    Returns
    -------
    kl : float
    """
    # the -k term (the -1 inside the sum) is missing
    return 0.5 * np.sum(var0 / var1 + (mu1 - mu0) ** 2 / var1 + np.log(var1) - np.log(var0))  # expect: P402


if __name__ == "__main__":
    rng = np.random.default_rng(5)
    A = rng.normal(size=(3, 3))
    S0 = A @ A.T + np.eye(3)
    B = rng.normal(size=(3, 3))
    S1 = B @ B.T + np.eye(3)
    print(gaussian_kl(np.zeros(3), S0, np.ones(3), S1))
    print(gaussian_kl_diag(np.zeros(3), np.ones(3), np.ones(3), 2 * np.ones(3)))
    print(gaussian_kl_univariate(0.0, 1.0, 1.0, 2.0))
