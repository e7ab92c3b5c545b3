# %% [markdown]
# # Exercise 5: KL divergence between two multivariate Gaussians
#
# $\mathcal{N}_0 = \mathcal{N}(\mu_0, \Sigma_0)$ and $\mathcal{N}_1 = \mathcal{N}(\mu_1, \Sigma_1)$ with
# $\mu_0, \mu_1 \in \mathbb{R}^{k}$ and $\Sigma_0, \Sigma_1 \in \mathbb{R}^{k \times k}$ symmetric
# positive definite. Taking the expectation under $\mathcal{N}_0$ of
# $\log \mathcal{N}_0(x) - \log \mathcal{N}_1(x)$, with
# $\mathbb{E}[(x - \mu_1)^\top \Sigma_1^{-1} (x - \mu_1)]
# = \operatorname{tr}(\Sigma_1^{-1} \Sigma_0) + (\mu_1 - \mu_0)^\top \Sigma_1^{-1} (\mu_1 - \mu_0)$
# (Matrix Cookbook 8.2) and $\mathbb{E}[(x - \mu_0)^\top \Sigma_0^{-1} (x - \mu_0)] = k$:
#
# $$\mathrm{KL}(\mathcal{N}_0 \,\|\, \mathcal{N}_1) = \frac{1}{2} \Big(
# \operatorname{tr}(\Sigma_1^{-1} \Sigma_0)
# + (\mu_1 - \mu_0)^\top \Sigma_1^{-1} (\mu_1 - \mu_0) - k
# + \log \frac{\det \Sigma_1}{\det \Sigma_0} \Big) .$$
#
# We check it against a Monte Carlo average of the log-density ratio over samples of
# $\mathcal{N}_0$.

# %%
from __future__ import annotations

import numpy as np

# %%
k = 3
rng = np.random.default_rng(0)
mu0 = np.array([0.0, 1.0, -1.0])  # shape: (k,)
mu1 = np.array([0.5, 0.0, -0.5])  # shape: (k,)
B0 = rng.normal(size=(k, k))
B1 = rng.normal(size=(k, k))
# B B^T is positive semi-definite; adding k I makes it safely positive definite.
Sigma0 = B0 @ B0.T + k * np.eye(k)
Sigma1 = B1 @ B1.T + k * np.eye(k)


# %%
def kl_gaussians(mu0, Sigma0, mu1, Sigma1):
    """KL(N(mu0, Sigma0) || N(mu1, Sigma1)) in nats.

    Parameters
    ----------
    mu0, mu1 : ndarray of shape (k,)
        Means.
    Sigma0, Sigma1 : ndarray of shape (k, k)
        Covariances, symmetric positive definite.

    Returns
    -------
    kl : float
    """
    k = mu0.shape[0]
    diff = mu1 - mu0
    trace_term = np.trace(np.linalg.solve(Sigma1, Sigma0))
    mahalanobis = diff @ np.linalg.solve(Sigma1, diff)
    # slogdet instead of log(det(.)): det under- or overflows long before its log does
    _, logdet0 = np.linalg.slogdet(Sigma0)
    _, logdet1 = np.linalg.slogdet(Sigma1)
    return 0.5 * (trace_term + mahalanobis - k + logdet1 - logdet0)


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
    L = np.linalg.cholesky(Sigma)  # Sigma = L L^T
    z = np.linalg.solve(L, (x - mu).T)  # shape: (k, m)
    mahalanobis = np.sum(z**2, axis=0)
    logdet = 2.0 * np.sum(np.log(np.diag(L)))
    return -0.5 * (mahalanobis + logdet + k * np.log(2.0 * np.pi))


# %%
kl_exact = kl_gaussians(mu0, Sigma0, mu1, Sigma1)
print("closed form:", kl_exact)
# %timeit kl_gaussians(mu0, Sigma0, mu1, Sigma1)

# %% [markdown]
# ## Monte Carlo
#
# $x = \mu_0 + L_0 \varepsilon$ with $\Sigma_0 = L_0 L_0^\top$ and
# $\varepsilon \sim \mathcal{N}(0, I_k)$; in rows, $X = \mathbf{1} \mu_0^\top + E L_0^\top$.

# %%
m = 100_000
L0 = np.linalg.cholesky(Sigma0)
eps = rng.standard_normal(size=(m, k))
samples = mu0 + eps @ L0.T
assert samples.shape == (m, k)
log_ratio = gaussian_logpdf(samples, mu0, Sigma0) - gaussian_logpdf(samples, mu1, Sigma1)
kl_mc = log_ratio.mean()
stderr = log_ratio.std() / np.sqrt(m)
print(f"Monte Carlo: {kl_mc:.4f} +- {stderr:.4f}")
assert abs(kl_mc - kl_exact) < 4 * stderr

# %% [markdown]
# The estimate as the sample grows: one entry per sample size.

# %%
estimates = np.array([])
for size in (100, 1_000, 10_000, 100_000):
    estimates = np.append(estimates, log_ratio[:size].mean())
print(np.round(estimates - kl_exact, 4))

# %% [markdown]
# KL is not symmetric, and it is zero only between identical distributions.

# %%
assert np.isclose(kl_gaussians(mu0, Sigma0, mu0, Sigma0), 0.0)
assert kl_gaussians(mu1, Sigma1, mu0, Sigma0) > 0
assert not np.isclose(kl_gaussians(mu1, Sigma1, mu0, Sigma0), kl_exact)
