"""N307 unstable-softplus: ``log(1 + exp(x))`` in any spelling."""

from __future__ import annotations

import ast

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text
from derivlint.apply_fixes import apply_edits

HEAD = """\
import numpy as np
X = np.random.randn(50, 3)
w = np.zeros(3)
y = np.sign(np.random.randn(50))
z = X @ w
"""

POSITIVE = [
    pytest.param(
        HEAD + "a = np.log(1 + np.exp(z))  # expect: N307\n"
        "b = np.log(np.exp(z) + 1)  # expect: N307\n"
        "c = np.log1p(np.exp(z))  # expect: N307\n",
        id="three-spellings",
    ),
    pytest.param(
        HEAD + "loss = np.mean(np.log(1. + np.exp(-y * (X @ w))))  # expect: N307\n"
        "total = np.log(1 + np.exp(-y * z)).sum()  # expect: N307\n",
        id="logistic-loss-inside-mean-and-sum",
    ),
    pytest.param(
        "import numpy as onp\n"
        "from numpy import log, exp\n"
        "t = onp.linspace(-800, 800, 9)\n"
        "e = exp(t)\n"
        "sp = log(1 + e)  # expect: N307\n"
        "sq = onp.log(onp.add(e, 1.0))  # expect: N307\n",
        id="aliases-bare-names-and-a-variable",
    ),
    pytest.param(
        HEAD + "def softplus(t):\n"
        "    return np.log(1 + np.exp(t))  # expect: N307\n"
        "def nll(w, X, y):\n"
        "    margins = y * (X @ w)\n"
        "    return softplus(-margins).mean()\n"
        "value = nll(w, X, y)\n",
        id="helper-called-from-a-helper",
    ),
    pytest.param(
        HEAD + "class Model:\n"
        "    def loss(self, X, y):\n"
        "        e = np.exp(-y * (X @ self.w))\n"
        "        return np.log1p(e).mean()  # expect: N307\n",
        id="method-never-called",
    ),
]

NEGATIVE = [
    pytest.param(
        HEAD + "s = z - z.max(axis=0).reshape(-1)\n"
        "a = np.log(1 + np.exp(s))\n",
        id="shifted-by-a-reshaped-max",
    ),
    pytest.param(
        HEAD + "a = np.log1p(np.exp(-np.abs(z)))\n"
        "b = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))\n"
        "m = -np.abs(z)\n"
        "c = np.log(1 + np.exp(m))\n",
        id="stable-form-exp-of-minus-abs",
    ),
    pytest.param(
        HEAD + "a = np.log(1 + np.exp(np.clip(z, -30, 30)))\n"
        "b = np.log1p(np.exp(np.minimum(z, 0)))\n"
        "c = np.log(1 + np.exp(z - z.max()))\n"
        "d = np.log(1 + np.exp(2.0))\n",
        id="clipped-min-max-shifted-constant",
    ),
    pytest.param(
        HEAD + "a = np.where(z > 0, z + np.log1p(np.exp(-z)), np.log1p(np.exp(z)))\n"
        "b = np.empty_like(z)\n"
        "b[z < 0] = np.log1p(np.exp(z[z < 0]))\n",
        id="masked-stable-forms",
    ),
    pytest.param(
        HEAD + "a = np.logaddexp(0, z)\n"
        "b = np.log(1 + z ** 2)\n"
        "c = np.log(1 + np.exp(z) * 0 + z)\n"
        "d = np.log(2 + np.exp(-z))\n",
        id="already-stable-or-not-softplus",
    ),
    pytest.param(
        HEAD + "u = np.random.randn(50)\n"
        "a = np.log(np.exp(z) + np.exp(u))\n"
        "b = np.log(np.sum(np.exp(z)))  # expect: N302\n",
        id="log-sum-exp-is-n302s-not-softplus",
    ),
    pytest.param(
        HEAD + "def sigmoid(t):\n    return 1 / (1 + np.exp(-t))\n"
        "a = np.log(1 - sigmoid(z))  # expect: N305\n"
        "p = sigmoid(z)\n"
        "b = np.log(1 - p)\n",
        id="log-one-minus-sigmoid-is-n305s",
    ),
    pytest.param(
        HEAD + "a = np.where(y > 0, np.log(1 + np.exp(-z)), np.log(1 + np.exp(z)))  # expect: N307, N307\n",
        id="where-on-labels-does-not-bound-z",
    ),
    pytest.param(
        HEAD + "s = 2.0\n"
        "a = np.log(1 + np.exp(-z**2))\n"
        "b = np.log1p(np.exp(-np.square(z)))\n"
        "c = np.log(1 + np.exp(-np.linalg.norm(z)))\n"
        "d = np.log(1 + np.exp(-(z - 1) ** 2 / (2 * s**2)))\n"
        "e = np.log(1 + np.exp(-np.abs(z).sum()))\n",
        id="arguments-never-positive",
    ),
    pytest.param(
        HEAD + "a = np.log(1 + np.exp(z**2))  # expect: N307\n"
        "b = np.log(1 + np.exp(-z**3))  # expect: N307\n"
        "c = np.log(1 + np.exp(-z * -z))  # expect: N307\n"
        "d = np.log(1 + np.exp(np.abs(z)))  # expect: N307\n",
        id="signs-that-do-not-bound-the-argument",
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
        ("code", "import numpy as np\ndef softplus(x):\n    return np.log(1 + np.exp(x))  # expect: N307"),
        ("markdown", "The logistic loss is $\\\\log(1 + e^{-y x^\\\\top w})$."),
        ("code", "X = np.random.randn(20, 2)\nw = np.ones(2)\ny = np.ones(20)\ne = np.exp(-y * (X @ w))"),
        ("code", "loss = softplus(-y * (X @ w)).mean()\nloss2 = np.log(1 + e).mean()  # expect: N307"),
    ])


def test_variable_finding_points_at_the_exp() -> None:
    finding = only(check_text(HEAD + "e = np.exp(z)\nsp = np.log(1 + e)\n", "f.py"), "N307")
    assert finding.fix is None  # e may be rebound between the exp and the log
    assert [r.span.line for r in finding.related] == [6]


@pytest.mark.parametrize(
    ("expr", "fixed"),
    [
        ("np.log(1 + np.exp(z))", "np.logaddexp(0, z)"),
        ("np.log(np.exp(z) + 1.0)", "np.logaddexp(0, z)"),
        ("np.log1p(np.exp(-y * z))", "np.logaddexp(0, -y * z)"),
        ("np.mean(np.log(1. + np.exp(-y * (X @ w))))", "np.mean(np.logaddexp(0, -y * (X @ w)))"),
        ("np.log(1 + np.exp(-(\n    y * z)))", "np.logaddexp(0, -(\n    y * z))"),
    ],
)
def test_the_fix_uses_logaddexp_and_rechecks_clean(expr: str, fixed: str) -> None:
    code = HEAD + "r = " + expr + "\n"
    report = check_text(code, "f.py")
    fix = only(report, "N307").fix
    assert fix is not None and not fix.safe
    new = apply_edits(code, list(fix.edits))
    assert new == HEAD + "r = " + fixed + "\n"
    ast.parse(new)
    assert [f.code for f in check_text(new, "f.py").findings] == []


def test_the_fix_keeps_the_module_alias() -> None:
    code = "import jax.numpy as jnp\nt = jnp.ones(3)\nr = jnp.log(1 + jnp.exp(t))\n"
    fix = only(check_text(code, "f.py"), "N307").fix
    assert fix is not None
    assert apply_edits(code, list(fix.edits)).endswith("r = jnp.logaddexp(0, t)\n")


def test_no_fix_without_a_module_to_reach_logaddexp() -> None:
    code = "import numpy as np\nfrom numpy import log, exp\nt = np.ones(3)\nr = log(1 + exp(t))\n"
    assert only(check_text(code, "f.py"), "N307").fix is None
