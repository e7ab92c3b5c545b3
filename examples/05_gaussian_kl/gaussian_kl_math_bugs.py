# %% [markdown]
# # Exercise 5 with typical math mistakes
#
# As in `gaussian_kl_correct`:
#
# $$\mathrm{KL}(\mathcal{N}_0 \,\|\, \mathcal{N}_1) = \frac{1}{2} \Big(
# \operatorname{tr}(\Sigma_1^{-1} \Sigma_0)
# + (\mu_1 - \mu_0)^\top \Sigma_1^{-1} (\mu_1 - \mu_0) - k
# + \log \frac{\det \Sigma_1}{\det \Sigma_0} \Big) .$$
#
# Every wrong line ends with the finding derivlint must report there.

# %%
from __future__ import annotations

import numpy as np

# %%
k = 5
rng = np.random.default_rng(0)
mu0 = np.array([0.0, 1.0, -1.0, 0.5, 2.0])
mu1 = np.array([0.5, 0.0, -0.5, 0.0, 1.5])
B0 = rng.normal(size=(k, k))
B1 = rng.normal(size=(k, k))
Sigma0 = B0 @ B0.T + k * np.eye(k)
Sigma1 = B1 @ B1.T + k * np.eye(k)

# %% [markdown]
# ## The log-determinants through `det`
#
# $\det \Sigma$ is a product of $k$ eigenvalues: it under- or overflows long before its log does.

# %%
logdet0 = np.log(np.linalg.det(Sigma0))  # expect: L203
logdet1 = np.linalg.slogdet(Sigma1)[1]


# %% [markdown]
# ## The trace of the wrong product
#
# KL$(\mathcal{N}_0 \| \mathcal{N}_1)$ needs $\operatorname{tr}(\Sigma_1^{-1} \Sigma_0)$; the
# other order belongs to KL$(\mathcal{N}_1 \| \mathcal{N}_0)$.


# %%
def kl_gaussians(mu0, Sigma0, mu1, Sigma1):
    """KL(N(mu0, Sigma0) || N(mu1, Sigma1)) in nats."""
    k = mu0.shape[0]
    diff = mu1 - mu0
    trace_term = np.trace(np.linalg.solve(Sigma0, Sigma1))  # expect: P402
    mahalanobis = diff @ np.linalg.solve(Sigma1, diff)
    _, ld0 = np.linalg.slogdet(Sigma0)
    _, ld1 = np.linalg.slogdet(Sigma1)
    return 0.5 * (trace_term + mahalanobis - k + ld1 - ld0)


kl_exact = kl_gaussians(mu0, Sigma0, mu1, Sigma1)

# %% [markdown]
# ## A discrete KL with its ratio upside down
#
# $\mathrm{KL}(p \| q) = \sum_i p_i \log (p_i / q_i) \ge 0$; $\sum_i p_i \log (q_i / p_i)$ is its
# negative.

# %%
p = np.array([0.2, 0.5, 0.3])
q = np.array([0.4, 0.4, 0.2])
kl_pq = np.sum(p * np.log(q / p))  # expect: P401

# %% [markdown]
# ## The VAE regulariser without its minus sign
#
# For $q = \mathcal{N}(\mu, \operatorname{diag}(\sigma^2))$ against $\mathcal{N}(0, I)$:
# $\mathrm{KL} = -\frac{1}{2} \sum_j (1 + \log \sigma_j^2 - \mu_j^2 - \sigma_j^2)$.

# %%
mu_z = rng.normal(size=4)
logvar_z = 0.1 * rng.normal(size=4)
kl_vae = 0.5 * np.sum(1 + logvar_z - mu_z**2 - np.exp(logvar_z))  # expect: P401
