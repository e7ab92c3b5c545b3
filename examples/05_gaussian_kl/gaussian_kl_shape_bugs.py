# %% [markdown]
# # Exercise 5 with typical shape mistakes
#
# As in `gaussian_kl_correct`: $\mu_0, \mu_1 \in \mathbb{R}^{k}$,
# $\Sigma_0, \Sigma_1 \in \mathbb{R}^{k \times k}$, samples $X \in \mathbb{R}^{m \times k}$ of
# $\mathcal{N}(\mu_0, \Sigma_0)$, and the Monte Carlo estimate of the KL divergence as the mean
# of $\log \mathcal{N}_0(x) - \log \mathcal{N}_1(x)$. Every wrong line ends with the finding
# derivlint must report there.

# %%
from __future__ import annotations

import numpy as np

# %%
k = 3
rng = np.random.default_rng(0)
# shapes: mu0 (k,), mu1 (k,), Sigma1 (k, k  # expect: S107
mu0 = np.array([0.0, 1.0, -1.0])
mu1 = np.array([0.5, 0.0, -0.5])
B0 = rng.normal(size=(k, k))
B1 = rng.normal(size=(k, k))
Sigma0 = B0 @ B0.T + k * np.eye(k)
Sigma1 = B1 @ B1.T + k * np.eye(k)


# %%
def gaussian_logpdf(x, mu, Sigma):
    """Log-density of N(mu, Sigma) at each row of x.

    Parameters
    ----------
    x : ndarray of shape (m, k)
    mu : ndarray of shape (k,)
    Sigma : ndarray of shape (k, k)

    Returns
    -------
    logp : ndarray of shape (m,)
    """
    k = mu.shape[0]
    L = np.linalg.cholesky(Sigma)
    z = np.linalg.solve(L, (x - mu).T)  # shape: (k, m)
    logdet = 2.0 * np.sum(np.log(np.diag(L)))
    return -0.5 * (np.sum(z**2, axis=0) + logdet + k * np.log(2.0 * np.pi))


def mahalanobis_sq(x, mu, Sigma):
    """Squared Mahalanobis distance of each row of x from mu.

    Parameters
    ----------
    x : ndarray of shape (m, k)
    mu : ndarray of shape (k,)
    Sigma : ndarray of shape (k, k)

    Returns
    -------
    d2 : ndarray of shape (m,)
    """
    L = np.linalg.cholesky(Sigma)
    z = np.linalg.solve(L, (x - mu).T)  # shape: (k, m)
    return np.sum(z**2, axis=1)  # expect: S103


# %% [markdown]
# The mean difference written with $\mu_1$ as a column vector, the way it is on paper.

# %%
mu1_col = mu1.reshape(k, 1)
diff = mu1_col - mu0  # expect: S102

# %%
m = 20_000
L0 = np.linalg.cholesky(Sigma0)
samples = mu0 + rng.standard_normal(size=(m, k)) @ L0.T
log_ratio = gaussian_logpdf(samples, mu0, Sigma0) - gaussian_logpdf(samples, mu1, Sigma1)
print("mean squared distance:", mahalanobis_sq(samples, mu1, Sigma1).mean())

# %% [markdown]
# All Mahalanobis distances at once, forgetting that `solve` wants the samples as columns.

# %%
centered = samples - mu1
maha_all = centered @ np.linalg.solve(Sigma1, centered)  # expect: S101

# %% [markdown]
# Centring the samples: the mean over samples is axis 0; axis 1 averages each sample's
# coordinates and does not broadcast back.

# %%
samples_centered = samples - samples.mean(axis=1)  # expect: S106

# %% [markdown]
# Estimates over 100 batches of the sample, and a per-sample mean of a 1-D array.

# %%
batches = samples.reshape(100, m // 10, k)  # expect: S104
per_sample = log_ratio.mean(axis=1)  # expect: S105
