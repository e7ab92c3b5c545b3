"""G503 newton-step-sign (elementwise half): a Hessian applied elementwise in a Newton step."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

HEAD = """\
import numpy as np
X = np.random.randn(100, 3)
y = (np.random.rand(100) > 0.5).astype(float)
w = np.zeros(3)
p = 1 / (1 + np.exp(-(X @ w)))
g = X.T @ (p - y)
H = X.T @ ((p * (1 - p))[:, None] * X)
"""

POSITIVE = [
    pytest.param(HEAD + "H_inv = np.linalg.inv(H)\nw = w - H_inv * g  # expect: G503\n", id="inverse-times"),
    pytest.param(HEAD + "w -= g / H  # expect: G503\n", id="divide-in-place"),
    pytest.param(HEAD + "w_new = w + np.multiply(np.linalg.inv(H), -g)  # expect: G503\n", id="np-multiply-plus"),
    pytest.param(
        "import numpy as onp\n"
        "def newton(w, grad, hess):\n"
        "    return w - onp.linalg.inv(hess) * grad  # expect: G503\n"
        "w = newton(onp.zeros(4), onp.ones(4), onp.eye(4))\n",
        id="in-a-helper",
    ),
]

NEGATIVE = [
    pytest.param(HEAD + "w = w - np.linalg.solve(H, g)\nw = w - np.linalg.inv(H) @ g\nw -= np.linalg.inv(H).dot(g)\n",
                 id="matrix-vector-products"),
    pytest.param(HEAD + "lr = 0.1\nw = w - lr * g\nD = np.diag(H)\nw = w - g / D\n", id="scalar-and-diagonal-scaling"),
    pytest.param(HEAD + "W = np.zeros((3, 3))\nW = W - H * 0.1\nM = W - np.outer(g, g) * 2\n", id="matrix-weights"),
    pytest.param(HEAD + "A = np.ones((3, 5))\nv = np.ones(5)\nz = w - (A * v).sum(axis=1)\n", id="not-square"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", HEAD),
        ("markdown", "One Newton step"),
        ("code", "Hinv = np.linalg.inv(H)"),
        ("code", "w = w - Hinv * g  # expect: G503"),
    ])


def test_the_fix_makes_it_a_product_and_rechecks_clean() -> None:
    code = HEAD + "Hinv = np.linalg.inv(H)\nw = w - Hinv * g\n"
    fix = only(check_text(code, "f.py"), "G503").fix
    assert fix is not None and not fix.safe and fix.edits[0].new_text == "Hinv @ g"
    fixed = code.replace("Hinv * g", "Hinv @ g")
    assert [f.code for f in check_text(fixed, "f.py").findings if f.code.startswith("G")] == []
