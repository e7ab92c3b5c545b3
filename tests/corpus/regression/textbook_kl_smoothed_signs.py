"""Divergence helpers with the sign (or one term) wrong, in spellings learners use."""
import numpy as np
from scipy.special import xlogy


def bernoulli_kl(p, q, eps=1e-8):
    """KL(Bern(p) || Bern(q)): both ratios upside down, so this is -KL."""
    return p * np.log((q + eps) / (p + eps)) + (1 - p) * np.log((1 - q + eps) / (1 - p + eps))  # expect: P401


def kl_masked(p, q):
    """KL(p || q) with 0 log 0 = 0: the ratio is upside down."""
    return np.sum(np.where(p > 0, p * np.log(q / p), 0.0))  # expect: P401


def kl_xlogy(p, q):
    return np.sum(xlogy(p, q / p))  # expect: P401


def kl_post_to_prior(mu, S):
    """KL(N(mu, S) || N(0, I)): the log-determinant with the wrong sign."""
    k = len(mu)
    return 0.5 * (np.trace(S) + mu @ mu - k + np.linalg.slogdet(S)[1])  # expect: P401


def kl_mvn(m0, S0, m1, S1):
    """KL(N(m0, S0) || N(m1, S1)): the mean difference weighted by the first covariance."""
    k = m0.shape[0]
    d = m1 - m0
    iS0, iS1 = np.linalg.inv(S0), np.linalg.inv(S1)
    return 0.5 * (np.trace(iS1 @ S0) + np.einsum("i,ij,j->", d, iS0, d)  # expect: P402
                  - k + np.linalg.slogdet(S1)[1] - np.linalg.slogdet(S0)[1])


rng = np.random.default_rng(0)
p = rng.dirichlet(np.ones(4))
q = rng.dirichlet(np.ones(4))
a = np.sum(bernoulli_kl(rng.random(5), rng.random(5)))
b = kl_masked(p, q)
c = kl_xlogy(p, q)
A = rng.normal(size=(3, 3))
B = rng.normal(size=(3, 3))
S0 = A @ A.T + np.eye(3)
S1 = B @ B.T + np.eye(3)
mu = rng.normal(size=3)
e = kl_post_to_prior(mu, S0)
f = kl_mvn(mu, S0, rng.normal(size=3), S1)
