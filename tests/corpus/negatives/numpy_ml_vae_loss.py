"""Losses in the numpy-ml style: the VAE loss with the closed-form Gaussian KL, and friends."""
import numpy as np


class VAELoss:
    def __init__(self):
        r"""
        The variational lower bound for a variational autoencoder with Bernoulli
        units.

        Notes
        -----
        The VLB to the sum of the binary cross entropy between the true input and
        the predicted output (the "reconstruction loss") and the KL divergence
        between the learned variational distribution :math:`q` and the prior,
        :math:`p`, assumed to be a unit Gaussian.

        .. math::

            \text{VAELoss} =
                \text{cross_entropy}(\mathbf{y}, \hat{\mathbf{y}})
                    + \mathbb{KL}[q \ || \ p]

        where :math:`\mathbb{KL}[q \ || \ p]` is the Kullback-Leibler
        distance between the distributions :math:`q` and :math:`p` and
        :math:`\mathbf{y}` is the true input.
        """
        super().__init__()

    def __call__(self, y, y_pred, t_mean, t_log_var):
        return self.loss(y, y_pred, t_mean, t_log_var)

    @staticmethod
    def loss(y, y_pred, t_mean, t_log_var):
        """
        Variational lower bound for a Bernoulli VAE.

        Parameters
        ----------
        y : :py:class:`ndarray <numpy.ndarray>` of shape `(n_ex, N)`
            The original images.
        y_pred : :py:class:`ndarray <numpy.ndarray>` of shape `(n_ex, N)`
            The VAE reconstruction of the images.
        t_mean: :py:class:`ndarray <numpy.ndarray>` of shape `(n_ex, T)`
            Mean of the variational distribution :math:`q(t \mid x)`.
        t_log_var: :py:class:`ndarray <numpy.ndarray>` of shape `(n_ex, T)`
            Log of the variance vector of the variational distribution
            :math:`q(t \mid x)`.

        Returns
        -------
        loss : float
            The VLB, averaged across the batch.
        """
        # prevent nan on log(0)
        eps = np.finfo(float).eps
        y_pred = np.clip(y_pred, eps, 1 - eps)

        # reconstruction loss: binary cross-entropy
        rec_loss = -np.sum(y * np.log(y_pred) + (1 - y) * np.log(1 - y_pred), axis=1)

        # KL divergence between the variational distribution q and the prior p,
        # a unit gaussian: KL = -0.5 * sum(1 + log var - mu^2 - var)
        kl_loss = -0.5 * np.sum(1 + t_log_var - t_mean ** 2 - np.exp(t_log_var), axis=1)
        loss = np.mean(kl_loss + rec_loss)
        return loss

    @staticmethod
    def grad(y, y_pred, t_mean, t_log_var):
        """Compute the gradient of the VLB with regard to the network parameters."""
        N = y.shape[0]
        eps = np.finfo(float).eps
        y_pred = np.clip(y_pred, eps, 1 - eps)

        dY_pred = -y / (N * y_pred) - (y - 1) / (N - N * y_pred)
        dLogVar = (np.exp(t_log_var) - 1) / (2 * N)
        dMean = t_mean / N
        return dY_pred, dLogVar, dMean


def kl_divergence(p, q):
    """KL(p || q) for discrete distributions.

    Parameters
    ----------
    p : ndarray of shape (K,)
        A probability vector.
    q : ndarray of shape (K,)
        A probability vector with the same support.

    Returns
    -------
    kl : float
    """
    mask = p > 0
    return np.sum(p[mask] * np.log(p[mask] / q[mask]))


def gaussian_kl(mu0, S0, mu1, S1):
    """KL( N(mu0, S0) || N(mu1, S1) ) in closed form.

    Parameters
    ----------
    mu0 : ndarray of shape (k,)
    S0 : ndarray of shape (k, k)
    mu1 : ndarray of shape (k,)
    S1 : ndarray of shape (k, k)

    Returns
    -------
    kl : float
    """
    k = mu0.shape[0]
    diff = mu1 - mu0
    _, logdet0 = np.linalg.slogdet(S0)
    _, logdet1 = np.linalg.slogdet(S1)
    trace_term = np.trace(np.linalg.solve(S1, S0))
    quad = diff @ np.linalg.solve(S1, diff)
    return 0.5 * (trace_term + quad - k + logdet1 - logdet0)


def softplus(x):
    """log(1 + exp(x)) without overflow."""
    return np.logaddexp(0, x)


def binary_cross_entropy_with_logits(y, z):
    """Mean of log(1 + exp(-z)) for y = 1 and log(1 + exp(z)) for y = 0, computed stably."""
    return np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))


if __name__ == "__main__":
    rng = np.random.default_rng(1)
    y = (rng.random((8, 16)) > 0.5).astype(float)
    y_pred = rng.random((8, 16))
    mu, log_var = rng.normal(size=(8, 4)), rng.normal(size=(8, 4))
    print("VLB:", VAELoss.loss(y, y_pred, mu, log_var))
    p = np.array([0.1, 0.4, 0.5])
    q = np.array([0.3, 0.3, 0.4])
    print("KL(p||q) >= 0:", kl_divergence(p, q))
    A = rng.normal(size=(3, 3))
    S = A @ A.T + np.eye(3)
    print("KL(N||N) = 0:", gaussian_kl(np.zeros(3), S, np.zeros(3), S))
    # the unit-Gaussian case agrees with the diagonal formula used in the VAE loss
    m, lv = mu[0], log_var[0]
    print(np.isclose(gaussian_kl(m, np.diag(np.exp(lv)), np.zeros(4), np.eye(4)),
                     -0.5 * np.sum(1 + lv - m ** 2 - np.exp(lv))))
    print(softplus(np.array([-800.0, 0.0, 800.0])), binary_cross_entropy_with_logits(y[0], rng.normal(size=16)))
