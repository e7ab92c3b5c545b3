"""Divergences as textbook and course code spells them: every one of these is right.

Discrete KL with guards, masks and scipy.special; the smoothed Bernoulli KL of a sparse
autoencoder; the Gaussian KL against the standard normal (full covariance, both
directions) and between two Gaussians with an einsum Mahalanobis term.
"""
import numpy as np
from scipy.special import kl_div, rel_entr, xlogy
from scipy.stats import entropy


def kl_masked(p, q):
    """KL(p || q), with 0 log 0 = 0 where p is zero."""
    return np.sum(np.where(p > 0, p * np.log(p / q), 0.0))


def bernoulli_kl(p, q, eps=1e-8):
    """KL(Bern(p) || Bern(q)), guarded against log 0 on both terms."""
    return p * np.log((p + eps) / (q + eps)) + (1 - p) * np.log((1 - p + eps) / (1 - q + eps))


def sparsity_penalty(rho_hat, rho=0.05, beta=3.0):
    """The sparse autoencoder's beta * sum_j KL(rho || rho_hat_j)."""
    return beta * np.sum(bernoulli_kl(rho, rho_hat))


def kl_post_to_prior(mu, S):
    """KL(N(mu, S) || N(0, I))."""
    k = len(mu)
    return 0.5 * (np.trace(S) + mu @ mu - k - np.linalg.slogdet(S)[1])


def kl_prior_to_post(mu, S):
    """KL(N(0, I) || N(mu, S))."""
    k = len(mu)
    return 0.5 * (np.trace(np.linalg.inv(S)) + mu @ np.linalg.solve(S, mu) - k + np.linalg.slogdet(S)[1])


def kl_mvn(m0, S0, m1, S1):
    """KL(N(m0, S0) || N(m1, S1)), the Mahalanobis term as an einsum."""
    k = m0.shape[0]
    iS1 = np.linalg.inv(S1)
    d = m1 - m0
    return 0.5 * (np.trace(iS1 @ S0) + np.einsum("i,ij,j->", d, iS1, d) - k
                  + np.linalg.slogdet(S1)[1] - np.linalg.slogdet(S0)[1])


rng = np.random.default_rng(0)
p = rng.dirichlet(np.ones(4))
q = rng.dirichlet(np.ones(4))
kl_pq = kl_masked(p, q)
kl_scipy = entropy(p, q)
kl_rel = rel_entr(p, q).sum()
kl_div_sum = np.sum(kl_div(p, q))
kl_xlogy = np.sum(xlogy(p, p / q))
kl_bern = np.sum(bernoulli_kl(rng.random(5), rng.random(5)))
penalty = sparsity_penalty(rng.random(8) * 0.1 + 0.01)
A = rng.normal(size=(3, 3))
B = rng.normal(size=(3, 3))
S0 = A @ A.T + np.eye(3)
S1 = B @ B.T + np.eye(3)
mu = rng.normal(size=3)
kl_q = kl_post_to_prior(mu, S0)
kl_p = kl_prior_to_post(mu, S0)
kl_01 = kl_mvn(mu, S0, np.zeros(3), S1)
assert min(kl_pq, kl_scipy, kl_bern, kl_q, kl_p, kl_01) >= 0
assert np.isclose(kl_pq, kl_scipy) and np.isclose(kl_rel, kl_scipy) and np.isclose(kl_xlogy, kl_scipy)
