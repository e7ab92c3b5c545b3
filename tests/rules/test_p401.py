"""P401 kl-wrong-sign: a value declared a KL divergence that computes minus one, or a Gaussian KL term with the wrong sign."""

from __future__ import annotations

import ast

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

HEAD = """\
import numpy as np
p = np.array([0.2, 0.3, 0.5])
q = np.array([0.1, 0.6, 0.3])
"""

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
_, logdet0 = np.linalg.slogdet(S0)
_, logdet1 = np.linalg.slogdet(S1)
"""


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
    pytest.param(HEAD + "kl = np.sum(p * np.log(q / p))  # expect: P401\n", id="log-of-the-inverted-ratio"),
    pytest.param(HEAD + "kl_div = -np.sum(p * np.log(p / q))  # expect: P401\n", id="negated-kl"),
    pytest.param(HEAD + "D_kl = np.sum(p * (np.log(q) - np.log(p)))  # expect: P401\n", id="difference-of-logs"),
    pytest.param("import numpy as onp\np = onp.full(4, 0.25)\nq = onp.array([0.1, 0.2, 0.3, 0.4])\n"
                 "KL = onp.sum(p * onp.log(q) - p * onp.log(p))  # expect: P401\n", id="alias-expanded-products"),
    pytest.param(HEAD + "kl = np.dot(p, np.log(q / p))  # expect: P401\n", id="dot-product"),
    pytest.param(HEAD + "ratio = q / p\nterms = p * np.log(ratio)\nkl = terms.sum()  # expect: P401\n"
                 "", id="through-variables-and-sum-method"),
    pytest.param("import numpy as np\nfrom scipy.special import rel_entr\np = np.full(3, 1 / 3)\n"
                 "q = np.array([0.2, 0.3, 0.5])\nkl = -rel_entr(p, q).sum()  # expect: P401\n", id="rel-entr-negated"),
    pytest.param(HEAD + "from scipy.special import xlogy\nkl = np.sum(xlogy(p, q / p))  # expect: P401\n"
                 "kl2 = np.sum(xlogy(p, q) - xlogy(p, p))  # expect: P401\nkl_ok = np.sum(xlogy(p, p / q))\n",
                 id="xlogy-of-the-inverted-ratio"),
    pytest.param(HEAD + "kl = np.sum(np.where(p > 0, p * np.log(q / p), 0.0))  # expect: P401\n"
                 "kl2 = np.sum(np.where(p != 0, p * np.log(q / p), 0))  # expect: P401\n"
                 "kl_ok = np.sum(np.where(p > 0, p * np.log(p / q), 0.0))\n"
                 "kl_q = np.sum(np.where(q > 0, p * np.log(q / p), 0.0))\n"
                 "kl_lt = np.sum(np.where(p < 0, p * np.log(q / p), 0.0))\n"
                 "kl_one = np.sum(np.where(p > 0, p * np.log(q / p), 1.0))\n",
                 id="masked-where-p-is-zero-and-masks-that-change-the-value"),
    pytest.param(HEAD + "def kl_divergence(a, b):\n    return np.sum(a * np.log(b / a))  # expect: P401\n"
                 "value = kl_divergence(p, q)\n", id="helper-named-as-a-kl"),
    pytest.param("import numpy as np\ndef kl_div(p, q):\n    return np.sum(p * np.log(q / p))  # expect: P401\n",
                 id="helper-nobody-calls"),
    pytest.param(HEAD + "def plogq(a, b):\n    return np.sum(a * np.log(b))\n"
                 "kl = plogq(p, q) - plogq(p, p)  # expect: P401\n", id="one-helper-called-twice"),
    pytest.param(HEAD + "logp, logq = np.log(p), np.log(q)\nkl = np.sum(np.exp(logp) * (logq - logp))  # expect: P401\n",
                 id="log-space"),
    pytest.param(HEAD + "eps = 1e-12\nkl = np.sum(p * np.log((q + eps) / (p + eps)))  # expect: P401\n",
                 id="guarded-against-log-zero"),
    pytest.param("import numpy as np\na, b = float(np.random.rand()), float(np.random.rand())\n"
                 "kl = a * np.log(b / a) + (1 - a) * np.log((1 - b) / (1 - a))  # expect: P401\n", id="bernoulli"),
    pytest.param("import numpy as np\nmu = np.random.randn(16, 4)\nlogvar = np.random.randn(16, 4)\n"
                 "kl = 0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar))  # expect: P401\n",
                 id="vae-term-without-its-minus"),
    pytest.param("import numpy as np\nrng = np.random.default_rng(0)\nmu_z = rng.normal(size=4)\n"
                 "logvar_z = 0.1 * rng.normal(size=4)\n"
                 "kl_vae = 0.5 * np.sum(1 + logvar_z - mu_z**2 - np.exp(logvar_z))  # expect: P401\n",
                 id="vae-computed-log-variance"),
    pytest.param("import numpy as np\nmu = np.random.randn(16, 4)\nlogvar = np.random.randn(16, 4)\n"
                 "kl_loss = np.mean(0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar), axis=1))  # expect: P401\n",
                 id="vae-batch-mean"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k"
                 " + logdet0 - logdet1)  # expect: P401\n", id="gaussian-logdet-ratio-inverted"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.inv(S1) @ S0) + d.T @ np.linalg.inv(S1) @ d + k"
                 " + logdet1 - logdet0)  # expect: P401\n", id="gaussian-plus-k"),
    pytest.param(GAUSS + "def logdet(S):\n    return np.linalg.slogdet(S)[1]\n"
                 "gaussian_kl = 0.5 * (np.trace(np.linalg.inv(S1) @ S0) + (mu0 - mu1) @ np.linalg.inv(S1) @ (mu0 - mu1)"
                 " - len(mu0) + logdet(S0) - logdet(S1))  # expect: P401\n", id="gaussian-logdet-through-a-helper"),
    pytest.param("import numpy as np\nm0, m1 = float(np.random.randn()), float(np.random.randn())\n"
                 "s0, s1 = float(np.random.rand()), float(np.random.rand())\n"
                 "kl = np.log(s0 / s1) + (s0**2 + (m0 - m1)**2) / (2 * s1**2) - 0.5  # expect: P401\n",
                 id="univariate-log-ratio-inverted"),

    pytest.param("import numpy as np\ndef kl_divergence(p, q):\n    eps = np.finfo(float).eps\n"
                 "    return np.sum(p * np.log((q + eps) / (p + eps)))  # expect: P401\n",
                 id="guarded-by-finfo-eps-numpy-ml"),
    pytest.param(HEAD + "eps = np.finfo(np.float32).eps\n"
                 "kl = np.sum(p * (np.log(q + eps) - np.log(p + eps)))  # expect: P401\n", id="guarded-float32-eps-difference"),
    pytest.param(HEAD + "kl = np.sum(p * np.log(q + 1e-10)) - np.sum(p * np.log(p + 1e-10))  # expect: P401\n",
                 id="guarded-literal-two-sums"),
    pytest.param(HEAD + "eps = 1e-12\nkl = np.sum((p + eps) * np.log((q + eps) / (p + eps)))  # expect: P401\n",
                 id="guarded-weight-too"),
    pytest.param(HEAD + "tiny = np.finfo(float).tiny\nkl = np.dot(p, np.log((tiny + q) / (tiny + p)))  # expect: P401\n",
                 id="guarded-by-finfo-tiny-in-a-dot"),
    pytest.param("import numpy as np\nmu = np.random.randn(16, 4)\nsigma = np.random.rand(16, 4)\n"
                 "kl = 0.5 * np.sum(sigma**2 + mu**2 - 1 + np.log(sigma**2 + 1e-8))  # expect: P401\n",
                 id="gaussian-guarded-log-variance-inverted"),
    pytest.param("import numpy as np\neps = 1e-8\np = np.random.rand(5)\nq = np.random.rand(5)\n"
                 "kl = np.sum(p * np.log((q + eps) / (p + eps))"
                 " + (1 - p) * np.log((1 - q + eps) / (1 - p + eps)))  # expect: P401\n", id="bernoulli-smoothed"),
    pytest.param("import numpy as np\ndef bernoulli_kl(p, q, eps=1e-7):\n"
                 "    return p * np.log((q + eps) / (p + eps)) + (1 - p) * np.log((1 - q + eps) / (1 - p + eps))"
                 "  # expect: P401\nv = bernoulli_kl(np.random.rand(3), np.random.rand(3))\n",
                 id="bernoulli-smoothed-helper"),
    pytest.param("import numpy as np\neps = 1e-8\np = np.random.rand(5)\nq = np.random.rand(5)\n"
                 "kl = np.sum(p * np.log(q + eps) - p * np.log(p + eps) + (1 - p) * np.log(1 - q + eps)"
                 " - (1 - p) * np.log(1 - p + eps))  # expect: P401\n"
                 "kl_w = np.sum((p + eps) * np.log((q + eps) / (p + eps))"
                 " + (1 - p + eps) * np.log((1 - q + eps) / (1 - p + eps)))  # expect: P401\n",
                 id="bernoulli-smoothed-difference-of-logs-and-guarded-weights"),
    pytest.param(STANDARD + "kl = 0.5 * (np.trace(S) + mu @ mu - k + np.linalg.slogdet(S)[1])  # expect: P401\n"
                 "kl_k = 0.5 * (np.trace(S) + np.sum(mu**2) + k - np.linalg.slogdet(S)[1])  # expect: P401\n"
                 "def kl_to_standard(m, C):\n    return -0.5 * (np.trace(C) + m @ m - len(m) - np.linalg.slogdet(C)[1])"
                 "  # expect: P401\nv = kl_to_standard(mu, S)\n", id="against-the-standard-normal"),
]

NEGATIVE = [
    pytest.param(HEAD + "kl = np.sum(p * (np.log(p) - np.log(q)))\nkl2 = np.sum(p * np.log(p / q))\n"
                 "kl3 = (p * np.log(p / q)).sum()\nkl_qp = np.sum(q * np.log(q / p))\n", id="correct-kl-both-directions"),
    pytest.param("import numpy as np\nfrom scipy.stats import entropy\nfrom scipy.special import rel_entr\n"
                 "p = np.full(3, 1 / 3)\nq = np.array([0.2, 0.3, 0.5])\nkl = entropy(p, q)\n"
                 "kl_div = rel_entr(p, q).sum()\n", id="scipy-spellings"),
    pytest.param(HEAD + "log_lik = -1.3\nelbo = log_lik + np.sum(q * np.log(p / q))\n"
                 "neg_kl = np.sum(q * np.log(p / q))\n", id="elbo-adds-minus-kl"),
    pytest.param(HEAD + "kl_ce = -np.sum(p * np.log(q))\nkl_h = -np.sum(p * np.log(p))\n", id="cross-entropy-and-entropy"),
    pytest.param(HEAD + "kl = some_library.divergence(p, q)\nkl2 = np.sum(p * np.log(q / p)) + 1.0\n"
                 "kl3 = np.sum(np.log(q / p))\n", id="not-provably-a-kl"),
    pytest.param(HEAD + "kl = np.sum(p * np.log(q / p))\nkl = -kl\n", id="sign-corrected-in-a-second-step"),
    pytest.param(HEAD + "eps = 1e-12\nkl = np.sum(p * np.log((p + eps) / (q + eps)))\n"
                 "a, b = float(np.random.rand()), float(np.random.rand())\n"
                 "kl_bern = a * np.log(a / b) + (1 - a) * np.log((1 - a) / (1 - b))\n", id="guarded-and-bernoulli-correct"),
    pytest.param("import numpy as np\nmu = np.random.randn(16, 4)\nlogvar = np.random.randn(16, 4)\n"
                 "kl = -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar))\n"
                 "kl_batch = np.mean(-0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar), axis=1))\n"
                 "sigma = np.exp(0.5 * logvar)\n"
                 "kl_sigma = 0.5 * np.sum(sigma**2 + mu**2 - 1 - np.log(sigma**2))\n", id="vae-correct"),
    pytest.param(GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k + logdet1 - logdet0)\n"
                 "kl_10 = 0.5 * (np.trace(np.linalg.solve(S0, S1)) + d @ np.linalg.solve(S0, d) - k + logdet0 - logdet1)\n",
                 id="gaussian-correct-both-directions"),
    pytest.param(GAUSS + "kl_mc = np.mean(np.log(np.abs(d)) - np.log(np.abs(mu0) + 1))\n", id="monte-carlo-unknown"),
    pytest.param("import numpy as np\ndef kl_divergence(p, q):\n    eps = np.finfo(float).eps\n"
                 "    return np.sum(p * np.log((p + eps) / (q + eps)))\n"
                 "def kl_div(p, q):\n    eps = np.finfo(float).eps\n"
                 "    return np.sum(p * (np.log(p + eps) - np.log(q + eps)))\n"
                 "def kl_pq(p, q):\n    return -np.sum(p * np.log((q + 1e-12) / (p + 1e-12)))\n",
                 id="guarded-correct-spellings"),
    pytest.param(HEAD + "eps = np.finfo(float).eps\nkl = np.sum(p * np.log(p + eps)) - np.sum(p * np.log(q + eps))\n"
                 "kl2 = np.sum(p * np.log(p / (q + eps)))\nkl3 = np.sum((p + eps) * np.log((p + eps) / (q + eps)))\n",
                 id="guarded-correct-two-sums-and-one-sided"),
    pytest.param(HEAD + "kl = np.sum(p * np.log((q + 1) / (p + 1)))\nkl2 = np.sum(p * np.log((q + 0.5) / (p + 0.5)))\n"
                 "kl3 = np.sum(p * np.log((q - 1e-12) / (p - 1e-12)))\n",
                 id="large-or-negative-constant-is-no-guard"),
    pytest.param(HEAD + "eps = np.finfo(p.dtype).eps\nkl = np.sum(p * np.log((q + eps) / (p + eps)))\n",
                 id="finfo-of-an-unknown-dtype-is-not-a-known-guard"),
    pytest.param("import numpy as np\nmu = np.random.randn(16, 4)\nsigma = np.random.rand(16, 4)\n"
                 "kl = 0.5 * np.sum(sigma**2 + mu**2 - 1 - np.log(sigma**2 + 1e-8))\n"
                 "kl_big = -0.5 * np.sum(sigma**2 + mu**2 - 1 - np.log(sigma**2 + 1))\n",
                 id="gaussian-guarded-correct-and-big-offset-unknown"),
    pytest.param("import numpy as np\neps = 1e-8\np = np.random.rand(5)\nq = np.random.rand(5)\n"
                 "kl = np.sum(p * np.log((p + eps) / (q + eps)) + (1 - p) * np.log((1 - p + eps) / (1 - q + eps)))\n"
                 "kl_qp = np.sum(q * np.log((q + eps) / (p + eps)) + (1 - q) * np.log((1 - q + eps) / (1 - p + eps)))\n"
                 "kl_mixed = np.sum(p * np.log((p + eps) / (q + eps)) + (1 - p) * np.log((1 - q + eps) / (1 - p + eps)))\n"
                 "kl_big = np.sum(p * np.log((q + 0.5) / (p + 0.5)) + (1 - p) * np.log((1.5 - q) / (1.5 - p)))\n",
                 id="bernoulli-smoothed-correct-one-term-swapped-and-big-offset-unknown"),
    pytest.param(STANDARD + "kl = 0.5 * (np.trace(S) + mu @ mu - k - np.linalg.slogdet(S)[1])\n"
                 "kl2 = 0.5 * (np.trace(S) + np.sum(mu**2) - len(mu) - np.log(np.linalg.det(S)))\n"
                 "kl_rev = 0.5 * (np.trace(np.linalg.inv(S)) + mu @ np.linalg.solve(S, mu) - k + np.linalg.slogdet(S)[1])\n"
                 "kl_zero_mean = 0.5 * (np.trace(S) - k - np.linalg.slogdet(S)[1])\n"
                 "kl_two_mistakes = 0.5 * (np.trace(S) + mu @ mu + k + np.linalg.slogdet(S)[1])\n",
                 id="against-the-standard-normal-correct-both-directions-or-two-mistakes"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_notebook_helper_in_one_cell_use_in_another() -> None:
    assert_expected_cells([
        ("code", HEAD),
        ("markdown", "The divergence of $q$ from $p$"),
        ("code", "def kl(a, b):\n    terms = a * np.log(b / a)\n    return terms.sum()  # expect: P401\n"),
        ("code", "print(kl(p, q))"),
    ])


def test_message_names_both_distributions_and_the_declaration() -> None:
    f = only(check_text(HEAD + "kl = np.sum(p * np.log(q / p))\n", "f.py"), "P401")
    assert "-KL(p || q)" in f.message and "sum p log(p / q)" in f.message
    assert f.related and "kl is declared a KL divergence" in f.related[0].message


def _fixed(code: str) -> str:
    fix = only(check_text(code, "f.py"), "P401").fix
    assert fix is not None and not fix.safe and len(fix.edits) == 1
    edit = fix.edits[0]
    lines = code.split("\n")
    line = lines[edit.span.line - 1]
    lines[edit.span.line - 1] = line[: edit.span.col] + edit.new_text + line[edit.span.end_col :]
    return "\n".join(lines)


@pytest.mark.parametrize("code, expected", [
    (HEAD + "kl = np.sum(p * np.log(q / p))\n", "kl = -np.sum(p * np.log(q / p))"),
    (HEAD + "kl = -np.sum(p * np.log(p / q))\n", "kl = np.sum(p * np.log(p / q))"),
    (HEAD + "def kl_pq(a, b):\n    return 2.0 * np.sum(a * np.log(b / a))\nv = kl_pq(p, q)\n",
     "    return -(2.0 * np.sum(a * np.log(b / a)))"),
])
def test_the_fix_negates_the_expression_and_rechecks_clean(code: str, expected: str) -> None:
    fixed = _fixed(code)
    assert expected in fixed.split("\n")
    ast.parse(fixed)
    assert [f.code for f in check_text(fixed, "f.py").findings if f.code.startswith("P")] == []


def test_no_fix_where_the_value_is_not_written_where_it_is_declared() -> None:
    code = HEAD + "neg = np.sum(p * np.log(q / p))\nkl = neg\n"
    assert only(check_text(code, "f.py"), "P401").fix is None
    code = GAUSS + "kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k + logdet0 - logdet1)\n"
    assert only(check_text(code, "f.py"), "P401").fix is None


def test_the_shared_analysis_follows_facts_that_grow() -> None:
    """A notebook session reports a cell early, then goes on filling in the same facts."""
    from derivlint.rules.kl_forms import verdicts
    from derivlint.shapes.interpreter import analyse
    from derivlint.sources import program_from_text

    facts = analyse(program_from_text(HEAD + "kl = np.sum(p * np.log(q / p))\n", "f.py"))
    assert [v.code for v in verdicts(facts)] == ["P401"]
    facts.assignments.clear()  # as the facts were before the cell ran
    assert verdicts(facts) == []
