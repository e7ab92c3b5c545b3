"""Divergences and the VAE objective in the numpy-ml style."""
import numpy as np


def kl_divergence(p, q):
    """
    KL divergence KL(p || q) between two discrete distributions.

    Parameters
    ----------
    p : :py:class:`ndarray <numpy.ndarray>` of shape `(K,)`
        A probability vector.
    q : :py:class:`ndarray <numpy.ndarray>` of shape `(K,)`
        A probability vector with the same support.

    Returns
    -------
    kl : float
        KL(p || q), non-negative.
    """
    eps = np.finfo(float).eps
    # the ratio is upside down: this is -KL(p || q)
    kl = np.sum(p * np.log((q + eps) / (p + eps)))  # expect: P401
    return kl


def cross_entropy(y, y_pred):
    """
    Cross-entropy between one-hot targets and predicted class probabilities.

    Parameters
    ----------
    y : :py:class:`ndarray <numpy.ndarray>` of shape `(n, m)`
        Class labels (one-hot with `m` possible classes) for each of `n`
        examples.
    y_pred : :py:class:`ndarray <numpy.ndarray>` of shape `(n, m)`
        Probabilities of each of `m` classes for the `n` examples in the
        batch.

    Returns
    -------
    loss : float
        The sum of the cross-entropy across classes and examples.
    """
    eps = np.finfo(float).eps
    return -np.sum(y * np.log(y_pred + eps))


def js_divergence(p, q):
    """Jensen-Shannon divergence, symmetric and bounded by log 2."""
    m = 0.5 * (p + q)
    return 0.5 * np.sum(p * np.log(p / m)) + 0.5 * np.sum(q * np.log(q / m))


def vae_loss(y, y_pred, t_mean, t_log_var):
    """
    Variational lower bound for a Bernoulli VAE.

    Parameters
    ----------
    y : :py:class:`ndarray <numpy.ndarray>` of shape `(n_ex, N)`
        The original images.
    y_pred : :py:class:`ndarray <numpy.ndarray>` of shape `(n_ex, N)`
        The VAE reconstruction of the images.
    t_mean: :py:class:`ndarray <numpy.ndarray>` of shape `(n_ex, T)`
        Mean of the variational distribution q(t | x).
    t_log_var: :py:class:`ndarray <numpy.ndarray>` of shape `(n_ex, T)`
        Log of the variance vector of the variational distribution q(t | x).

    Returns
    -------
    loss : float
        The VLB, averaged across the batch.
    """
    eps = np.finfo(float).eps
    y_pred = np.clip(y_pred, eps, 1 - eps)
    rec_loss = -np.sum(y * np.log(y_pred) + (1 - y) * np.log(1 - y_pred), axis=1)
    # KL(q || N(0, I)) = -0.5 sum(1 + log var - mu^2 - var); the leading minus went missing
    kl_loss = 0.5 * np.sum(1 + t_log_var - t_mean ** 2 - np.exp(t_log_var), axis=1)  # expect: P401
    return np.mean(kl_loss + rec_loss)


if __name__ == "__main__":
    p = np.array([0.1, 0.4, 0.5])
    q = np.array([0.3, 0.3, 0.4])
    print("KL:", kl_divergence(p, q), "JS:", js_divergence(p, q))
    rng = np.random.default_rng(0)
    y = (rng.random((4, 8)) > 0.5).astype(float)
    print(vae_loss(y, rng.random((4, 8)), rng.normal(size=(4, 2)), rng.normal(size=(4, 2))))
