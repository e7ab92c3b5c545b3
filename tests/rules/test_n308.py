"""N308 accumulate-into-empty: ``np.empty`` memory read before any element is written."""

from __future__ import annotations

import ast

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text
from derivlint.apply_fixes import apply_edits

HEAD = """\
import numpy as np
X = np.random.randn(50, 3)
n, d = X.shape
"""

POSITIVE = [
    pytest.param(
        HEAD + "S = np.empty((d, d))  # expect: N308\n"
        "for x in X:\n"
        "    S += np.outer(x, x)\n",
        id="scatter-matrix-in-a-loop",
    ),
    pytest.param(
        HEAD + "import numpy as onp\n"
        "counts = onp.empty(d)  # expect: N308\n"
        "for i in range(n):\n"
        "    counts[i % d] += 1\n"
        "C = np.empty((d, d))  # expect: N308\n"
        "for i in range(d):\n"
        "    for j in range(d):\n"
        "        for k in range(n):\n"
        "            C[i, j] += X[k, i] * X[k, j]\n",
        id="element-accumulation-through-an-alias",
    ),
    pytest.param(
        HEAD + "U = np.empty_like(X)  # expect: N308\n"
        "np.add.at(U, np.arange(3), 1.0)\n"
        "m = np.empty(d)  # expect: N308\n"
        "for x in X:\n"
        "    m = m + x / n\n",
        id="add-at-and-rebinding-sum",
    ),
    pytest.param(
        HEAD + "W = np.empty(n)  # expect: N308\n"
        "total = W.sum()\n"
        "Q = np.empty(n)  # expect: N308\n"
        "for i in range(1, n):\n"
        "    Q[i] = Q[i - 1] + X[i, 0]\n",
        id="sum-right-away-and-cumsum-without-a-start",
    ),
    pytest.param(
        HEAD + "def hessian(X, s):\n"
        "    H = np.empty((X.shape[1], X.shape[1]))  # expect: N308\n"
        "    for x_i, s_i in zip(X, s):\n"
        "        H += s_i * np.outer(x_i, x_i)\n"
        "    return H\n"
        "def accumulate(A, X):\n"
        "    for x in X:\n"
        "        A += x\n"
        "    return A\n"
        "H = hessian(X, np.ones(n))\n"
        "z = accumulate(np.empty(d), X)  # expect: N308\n",
        id="in-helpers-and-passed-to-a-helper",
    ),
]

NEGATIVE = [
    pytest.param(
        HEAD + "def f(i):\n    return 2.0 * i\n"
        "out = np.empty(n)\n"
        "for i in range(n):\n"
        "    out[i] = f(i)\n"
        "s = out.sum()\n"
        "G = np.empty((n, d))\n"
        "for row in G:\n"
        "    row[:] = 1.0\n"
        "t = G.sum()\n",
        id="filled-element-by-element-then-read",
    ),
    pytest.param(
        HEAD + "a = np.empty(d)\na[:] = 0\na += 1\n"
        "b = np.empty(d)\nb.fill(0)\nb += 1\n"
        "c = np.empty((d, d))\nc[...] = np.eye(d)\nc += 1\n",
        id="whole-array-writes-then-accumulate",
    ),
    pytest.param(
        HEAD + "buf = np.empty(n)\n"
        "np.multiply(X[:, 0], X[:, 1], out=buf)\n"
        "s = buf.sum()\n"
        "y = np.empty(d)\nnp.copyto(y, X[0])\ny += 1\n"
        "def fill(B):\n    B[:] = 0\n"
        "F = np.empty(d)\nfill(F)\nF += 1\n",
        id="written-by-out-copyto-or-a-helper",
    ),
    pytest.param(
        HEAD + "def normalise_rows(X):\n"
        "    R = np.empty_like(X)\n"
        "    for i, x in enumerate(X):\n"
        "        R[i] = x / np.linalg.norm(x)\n"
        "    return R\n"
        "R = normalise_rows(X)\n"
        "M = np.empty((n, d + 1))\nM[:, 0] = 1\nM[:, 1:] = X\nP = M.T @ M\n",
        id="rows-filled-then-returned-and-a-design-matrix",
    ),
    pytest.param(
        HEAD + "H = np.empty(d)\n"
        "for i, x in enumerate(X):\n"
        "    if i == 0:\n"
        "        H[:] = x\n"
        "    else:\n"
        "        H += x\n"
        "K = np.empty(n)\n"
        "t = 0.0\n"
        "for i in range(n):\n"
        "    if i > 0:\n"
        "        t += K[i - 1]\n"
        "    K[i] = i\n",
        id="first-iteration-writes-later-iterations-read",
    ),
    pytest.param(
        HEAD + "E = np.empty((0, d))\nE = np.vstack([E, X[0]])\n"
        "L = np.empty(d, dtype=object)\nL += 1\n"
        "sh = np.empty((n, d))\nk = sh.shape[0] + len(sh) + sh.ndim\n"
        "Z = np.zeros_like(np.empty(d))\nZ += 1\n"
        "T = np.empty(d)\nT = X[0] * 2\nT += 1\n",
        id="no-elements-objects-shape-only-or-rebound",
    ),
    pytest.param(
        HEAD + "S = np.empty(d)\n"
        "if X[0, 0] > 0:\n"
        "    S[:] = 0\n"
        "S += 1\n",
        id="written-on-one-branch-is-doubt",
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
        ("code", "import numpy as np\nX = np.random.randn(40, 2)\nd = X.shape[1]"),
        ("code", "S = np.empty((d, d))  # expect: N308\nbuf = np.empty(d)"),
        ("markdown", "The scatter matrix $S = \\\\sum_i x_i x_i^\\\\top$."),
        ("code", "for x in X:\n    S += np.outer(x, x)\nbuf[:] = X[0]\nbuf += 1"),
    ])


def test_reported_at_the_empty_with_the_first_read_related() -> None:
    code = HEAD + "S = np.empty((d, d))\nfor x in X:\n    S += np.outer(x, x)\nt = S.sum()\n"
    finding = only(check_text(code, "f.py"), "N308")
    assert (finding.span.line, finding.span.col) == (4, 4)
    assert [r.span.line for r in finding.related] == [6]
    assert "S += np.outer(x, x)" in finding.message


@pytest.mark.parametrize(
    ("code", "fixed", "safe"),
    [
        ("S = np.empty((d, d))\nfor x in X:\n    S += np.outer(x, x)\n", "S = np.zeros((d, d))\n", True),
        ("S = np.empty_like(X)\nnp.add.at(S, [0, 1], 1.0)\n", "S = np.zeros_like(X)\n", True),
        ("C = np.empty((d, d), dtype=float)\nfor i in range(d):\n    C[i, i] += 1\n",
         "C = np.zeros((d, d), dtype=float)\n", True),
        ("P = np.empty(d)\nfor x in X:\n    P *= x\n", "P = np.zeros(d)\n", False),  # ones may be meant
        ("W = np.empty(n)\nt = W.sum()\n", "W = np.zeros(n)\n", False),
    ],
)
def test_the_fix_rewrites_to_zeros_and_rechecks_clean(code: str, fixed: str, safe: bool) -> None:
    text = HEAD + code
    fix = only(check_text(text, "f.py"), "N308").fix
    assert fix is not None and fix.safe is safe
    new = apply_edits(text, list(fix.edits))
    assert new is not None and new.startswith(HEAD + fixed)
    ast.parse(new)
    assert [f.code for f in check_text(new, "f.py").findings] == []


def test_no_fix_for_a_bare_imported_empty() -> None:
    code = "import numpy as np\nfrom numpy import empty\nS = empty(3)\nS += 1\n"
    assert only(check_text(code, "f.py"), "N308").fix is None
