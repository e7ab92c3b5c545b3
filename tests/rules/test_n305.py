"""N305 log-of-sigmoid: ``log(sigmoid(z))`` / ``log(1 - sigmoid(z))`` in one expression."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

HEAD = """\
import numpy as np
def sigmoid(t):
    return 1 / (1 + np.exp(-t))
X = np.random.randn(50, 3)
w = np.zeros(3)
y = (np.random.rand(50) > 0.5).astype(float)
"""

POSITIVE = [
    pytest.param(
        HEAD + "loss = -np.mean(y * np.log(sigmoid(X @ w)) + (1 - y) * np.log(1 - sigmoid(X @ w)))"
        "  # expect: N305\n",
        id="helper-both-terms",
    ),
    pytest.param(
        HEAD + "a = np.log(1 / (1 + np.exp(-X @ w)))  # expect: N305\n"
        "b = np.log(1 - 1 / (1 + np.exp(X @ -w)))  # expect: N305\n",
        id="minus-X-matmul-w-is-minus-the-product",
    ),
    pytest.param(
        HEAD + "a = np.log(1 / (1 + np.exp(-(X @ w))))  # expect: N305\n",
        id="inline-formula",
    ),
    pytest.param(
        HEAD + "from scipy.special import expit\nb = np.log(1 - expit(X @ w))  # expect: N305\n",
        id="scipy-expit-complement",
    ),
    pytest.param(
        "import numpy as onp\n"
        "def logistic(u):\n    return 1.0 / (1.0 + onp.exp(-u))\n"
        "z = onp.linspace(-3, 3, 7)\n"
        "ll = onp.sum(onp.log(logistic(z)))  # expect: N305\n",
        id="alias-other-helper-name",
    ),
]

NEGATIVE = [
    pytest.param(
        HEAD + "p = sigmoid(X @ w)\nloss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n",
        id="cross-entropy-on-a-probability-variable",
    ),
    pytest.param(
        HEAD + "z = X @ w\nloss = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))\n",
        id="already-stable",
    ),
    pytest.param(
        HEAD + "a = np.log(1 + np.exp(-(X @ w)))  # expect: N307 (softplus, not a sigmoid)\nb = np.log(np.exp(X @ w) / 2)\n",
        id="not-a-sigmoid",
    ),
    pytest.param(
        HEAD + "def tanh_ish(t):\n    return 2 / (1 + np.exp(-2 * t)) - 1\nc = np.log(tanh_ish(X @ w) + 2)\n",
        id="other-function-of-exp",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", "import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))"),
        ("markdown", "Log-likelihood"),
        ("code", "s = np.random.randn(20)\nll = np.log(sigmoid(s)).sum()  # expect: N305"),
    ])


@pytest.mark.parametrize(
    ("expr", "fixed"),
    [
        ("np.log(sigmoid(X @ w))", "-np.logaddexp(0, -(X @ w))"),
        ("np.log(1 - sigmoid(X @ w))", "-np.logaddexp(0, (X @ w))"),
        ("np.log(1 / (1 + np.exp(-s)))", "-np.logaddexp(0, -s)"),
    ],
)
def test_the_fix_uses_logaddexp_and_rechecks_clean(expr: str, fixed: str) -> None:
    code = HEAD + "s = X @ w\nr = " + expr + "\n"
    fix = only(check_text(code, "f.py"), "N305").fix
    assert fix is not None and not fix.safe
    (edit,) = fix.edits
    line = "r = " + expr
    new_line = line[: edit.span.col] + edit.new_text + line[edit.span.end_col :]
    assert new_line == "r = " + fixed
    assert [f.code for f in check_text(HEAD + "s = X @ w\n" + new_line + "\n", "f.py").findings] == []
