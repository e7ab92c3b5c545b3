"""P402 kl-gaussian-formula: the closed-form Gaussian KL with one wrong term."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

GAUSS = """\
import numpy as np
k = 3
rng = np.random.default_rng(0)
mu0 = np.array([0.0, 1.0, -1.0])
mu1 = np.array([0.5, 0.0, -0.5])
B0 = rng.normal(size=(k, k))
B1 = rng.normal(size=(k, k))
S0 = B0 @ B0.T + k * np.eye(k)
S1 = B1 @ B1.T + k * np.eye(k)
d = mu1 - mu0
sign0, logdet0 = np.linalg.slogdet(S0)
sign1, logdet1 = np.linalg.slogdet(S1)
"""

UNI = """\
import numpy as np
m0, m1 = float(np.random.randn()), float(np.random.randn())
s0, s1 = float(np.random.rand()), float(np.random.rand())
"""

DIAG = """\
import numpy as np
a0, a1 = np.random.randn(4), np.random.randn(4)
v0, v1 = np.random.rand(4), np.random.rand(4)
"""

VAE = "import numpy as np\nmu = np.random.randn(16, 4)\nlogvar = np.random.randn(16, 4)\n"


#: one covariance against the standard normal N(0, I)
STANDARD = """\
import numpy as np
rng = np.random.default_rng(0)
A = rng.normal(size=(3, 3))
S = A @ A.T + np.eye(3)
mu = rng.normal(size=3)
k = 3
"""

POSITIVE = [
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S0, S1))  # expect: P402\n"
                 "           + d @ np.linalg.solve(S1, d) - k + logdet1 - logdet0)\n", id="trace-of-the-other-product"),
    pytest.param(GAUSS + "S0_inv = np.linalg.inv(S0)\ntrace_term = np.trace(S0_inv @ S1)  # expect: P402\n"
                 "maha = d.T @ np.linalg.inv(S1) @ d\nkl = 0.5 * (trace_term + maha - k + logdet1 - logdet0)\n",
                 id="trace-through-variables"),
    pytest.param(GAUSS + "maha = (mu0 - mu1) @ np.linalg.inv(S0) @ (mu0 - mu1)  # expect: P402\n"
                 "kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + maha - k + logdet1 - logdet0)\n",
                 id="mahalanobis-weighted-by-the-first-covariance"),
    pytest.param(GAUSS + "iS0, iS1 = np.linalg.inv(S0), np.linalg.inv(S1)\n"
                 "kl = 0.5 * (np.trace(iS1 @ S0) + np.einsum('i,ij,j->', d, iS0, d)  # expect: P402\n"
                 "           - k + logdet1 - logdet0)\n", id="mahalanobis-by-einsum-weighted-by-the-first"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d)"
                 " + np.log(np.linalg.det(S1) / np.linalg.det(S0)))  # expect: P402\n", id="minus-k-missing"),
    pytest.param(GAUSS + "def gaussian_kl(m0, C0, m1, C1):\n    diff = m1 - m0\n"
                 "    _, l0 = np.linalg.slogdet(C0)\n    _, l1 = np.linalg.slogdet(C1)\n"
                 "    return np.trace(np.linalg.solve(C1, C0)) + diff @ np.linalg.solve(C1, diff)"
                 " - len(m0) + l1 - l0  # expect: P402\n"
                 "value = gaussian_kl(mu0, S0, mu1, S1)\n", id="half-missing-in-a-helper"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k)"
                 " + (logdet1 - logdet0)  # expect: P402\n", id="half-missing-on-the-logdet"),
    pytest.param(UNI + "kl = np.log(s1 / s0) + s1**2 / (2 * s0**2)  # expect: P402\n"
                 "kl = kl + (m0 - m1)**2 / (2 * s1**2) - 0.5\n", id="univariate-variance-ratio-inverted"),
    pytest.param(DIAG + "kl_diag = 0.5 * np.sum(v0 / v1 + (a1 - a0)**2 / v0 - 1 + np.log(v1) - np.log(v0))  # expect: P402\n",
                 id="diagonal-mahalanobis-weight"),
    pytest.param(VAE + "kl = -0.5 * np.sum(logvar - mu**2 - np.exp(logvar))  # expect: P402\n", id="vae-minus-one-missing"),
    pytest.param(STANDARD + "kl = 0.5 * (np.trace(S) + mu @ mu - np.linalg.slogdet(S)[1])  # expect: P402\n"
                 "kl_half = np.trace(S) + mu @ mu - k - np.linalg.slogdet(S)[1]  # expect: P402\n"
                 "kl_maha = 0.5 * (np.trace(S) + mu @ np.linalg.solve(S, mu) - k - np.linalg.slogdet(S)[1])  # expect: P402\n"
                 "kl_tr = 0.5 * (np.trace(np.linalg.inv(S)) + mu @ mu - k - np.linalg.slogdet(S)[1])  # expect: P402\n",
                 id="against-the-standard-normal"),
]

NEGATIVE = [
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k + logdet1 - logdet0)\n"
                 "kl_10 = 0.5 * (np.trace(np.linalg.solve(S0, S1)) + d @ np.linalg.solve(S0, d) - k + logdet0 - logdet1)\n",
                 id="correct-in-both-directions"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(S0 @ np.linalg.inv(S1)) + d.dot(np.linalg.inv(S1)).dot(d) - mu0.shape[0]\n"
                 "            + np.log(np.linalg.det(S1)) - np.log(np.linalg.det(S0)))\n"
                 "L0, L1 = np.linalg.cholesky(S0), np.linalg.cholesky(S1)\n"
                 "kl_chol = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k\n"
                 "                 + 2 * np.sum(np.log(np.diag(L1))) - 2 * np.sum(np.log(np.diag(L0))))\n",
                 id="cyclic-trace-and-other-logdet-spellings"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S0, S1)) + d @ np.linalg.solve(S1, d) + logdet1 - logdet0)\n",
                 id="two-mistakes-in-doubt"),
    pytest.param(GAUSS + "kl = 0.5 * (trace_of(S1, S0) + d @ np.linalg.solve(S1, d) - k + logdet1 - logdet0)\n"
                 "logp = -0.5 * (d @ np.linalg.solve(S0, d) + logdet0 + k * np.log(2 * np.pi))\n",
                 id="unknown-term-and-a-log-density"),
    pytest.param(UNI + "kl = np.log(s1 / s0) + (s0**2 + (m0 - m1)**2) / (2 * s1**2) - 0.5\n"
                 "kl_var = 0.5 * (s0**2 / s1**2 + (m1 - m0)**2 / s1**2 - 1 + np.log(s1**2) - np.log(s0**2))\n",
                 id="univariate-correct"),
    pytest.param(DIAG + "kl = 0.5 * (np.sum(v0 / v1) + np.sum((a1 - a0)**2 / v1) - len(a0)"
                 " + np.sum(np.log(v1)) - np.sum(np.log(v0)))\n", id="diagonal-correct-separate-sums"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k + logdet1 - logdet0)\n"
                 "kl_twice = 2 * kl\n", id="a-kl-doubled-on-purpose"),
    pytest.param(UNI + "kl = np.log(s1 / s0) + s1**2 / (2 * s0**2) - 0.5\n", id="equal-means-ratio-or-log-in-doubt"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S0, S1)) - k + logdet1 - logdet0)\n",
                 id="equal-means-trace-or-logdet-in-doubt"),
    pytest.param(VAE + "beta = 2.0\nkl_loss = beta * -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar))\n",
                 id="beta-weighted-kl"),
    pytest.param(VAE + "kl = -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar))\n"
                 "kl_batch = np.mean(-0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar), axis=1))\n", id="vae-correct"),
    pytest.param(GAUSS + "iS1 = np.linalg.inv(S1)\n"
                 "kl = 0.5 * (np.trace(iS1 @ S0) + np.einsum('i,ij,j->', d, iS1, d) - k + logdet1 - logdet0)\n"
                 "kl2 = 0.5 * (np.trace(iS1 @ S0) + np.einsum('a,ab,b', d, iS1, d) - k + logdet1 - logdet0)\n"
                 "kl_t = 0.5 * (np.trace(iS1 @ S0) + np.einsum('i,ji,j->', d, np.linalg.inv(S0), d) - k + logdet1 - logdet0)\n",
                 id="mahalanobis-by-einsum-correct-and-other-subscripts-unknown"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_two_terms_against_the_logdet_is_the_logdet_s_sign() -> None:
    """Trace and Mahalanobis both read KL(N1 || N0): the log-det ratio is the odd one out (P401, not two P402)."""
    report = check_text(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S0, S1)) + d @ np.linalg.solve(S0, d)"
                        " - k + logdet1 - logdet0)\n", "f.py")
    assert sorted(f.code for f in report.findings if f.code.startswith("P")) == ["P401"]


def test_notebook_helper_in_one_cell_use_in_another() -> None:
    assert_expected_cells([
        ("code", GAUSS),
        ("markdown", "$\\mathrm{KL}(\\mathcal{N}_0 \\| \\mathcal{N}_1)$"),
        ("code", (
            "def kl_gaussians(m0, C0, m1, C1):\n    diff = m1 - m0\n"
            "    tr = np.trace(np.linalg.solve(C1, C0))\n"
            "    maha = diff @ np.linalg.solve(C0, diff)  # expect: P402\n"
            "    return 0.5 * (tr + maha - m0.shape[0] + np.linalg.slogdet(C1)[1] - np.linalg.slogdet(C0)[1])\n"
        )),
        ("code", "kl = kl_gaussians(mu0, S0, mu1, S1)"),
    ])


def test_message_says_which_term_and_why() -> None:
    f = only(check_text(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S0, S1)) + d @ np.linalg.solve(S1, d)"
                        " - k + logdet1 - logdet0)\n", "f.py"), "P402")
    assert "tr(S0^-1 S1)" in f.message and "tr(S1^-1 S0)" in f.message
    assert f.fix is None and f.related
