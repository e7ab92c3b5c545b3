"""L201 normal-equations-missing-transpose: the OLS normal equations with a transpose missing or misplaced.

The cases compare L and S findings: where S101 also proves the shapes clash, the L201
finding replaces it (one bug, one finding).
"""

from __future__ import annotations

import ast

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

DATA = """\
import numpy as np
rng = np.random.default_rng(0)
X = rng.normal(size=(100, 3))
y = rng.normal(size=100)
"""

POSITIVE = [
    pytest.param(DATA + "w = np.linalg.inv(X @ X) @ X @ y  # expect: L201\n", id="both-transposes-missing"),
    pytest.param(
        "import numpy as onp\nfrom numpy.linalg import inv\n"
        "X = onp.random.randn(50, 4)\ny = onp.random.randn(50)\n"
        "w = inv(X.T @ X) @ X @ y  # expect: L201\n",
        id="moment-missing-bare-inv-alias",
    ),
    pytest.param(
        DATA + "w1 = np.linalg.solve(X @ X.T, X.T @ y)  # expect: L201\n"
        "w2 = np.linalg.solve(np.dot(X, np.transpose(X)), X.transpose().dot(y))  # expect: L201\n",
        id="gram-misplaced-spellings",
    ),
    pytest.param(
        DATA + "G = X @ X  # expect: L201\nb = X @ y\nw = np.linalg.solve(G, b)\n",
        id="through-variables",
    ),
    pytest.param(
        DATA + "w = np.linalg.inv(X.T.dot(X)).dot(X).dot(y)  # expect: L201\n",
        id="dot-method-chain",
    ),
    pytest.param(
        DATA + "lam, d = 0.1, 3\nw = np.linalg.solve(X.T @ X + lam * np.eye(d), X @ y / 100)  # expect: L201\n",
        id="ridge-with-the-moment-untransposed",
    ),
    pytest.param(
        DATA + "def fit(A, b):\n    return np.linalg.inv(A.T @ A) @ A @ b  # expect: L201\nw = fit(X, y)\n",
        id="in-a-helper",
    ),
    pytest.param(
        "import numpy as np\nX = np.random.randn(3, 100)  # samples in columns\ny = np.random.randn(100)\n"
        "w = np.linalg.solve(X.T @ X, X @ y)  # expect: L201\n",
        id="samples-in-columns",
    ),
    pytest.param(
        "import numpy as np\ndata = np.loadtxt('d.csv', delimiter=',')\nX, y = data[:, :-1], data[:, -1]\n"
        "w = np.linalg.inv(X.T @ X) @ X @ y  # expect: L201\n",
        id="shapes-unknown",
    ),
    pytest.param(
        '''\
        import numpy as np
        def fit(X, y):
            """Least squares.

            Parameters
            ----------
            X : ndarray of shape (n_samples, n_features)
            """
            return np.linalg.inv(X @ X) @ X @ y  # expect: L201
        w = fit(np.eye(3), np.ones(3))
        ''',
        id="declared-data-square-at-the-call",
    ),
]

NEGATIVE = [
    pytest.param(
        DATA + "w1 = np.linalg.solve(X.T @ X, X.T @ y)\nw2 = np.linalg.inv(X.T @ X) @ X.T @ y\n"
        "w3 = np.linalg.pinv(X) @ y\nw4, *_ = np.linalg.lstsq(X, y, rcond=None)\n"
        "H = X @ np.linalg.solve(X.T @ X, X.T)\n",
        id="correct-forms",
    ),
    pytest.param(
        DATA + "lam, n, d = 0.1, 100, 3\nw = np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)\n"
        "w_dual = X.T @ np.linalg.solve(X @ X.T + lam * np.eye(n), y)\nK = X @ X.T\nalpha = np.linalg.solve(K, y)\n",
        id="ridge-dual-and-kernel",
    ),
    pytest.param(
        "import numpy as np\nrng = np.random.default_rng(1)\nA = rng.normal(size=(3, 3))\nb = rng.normal(size=3)\n"
        "x1 = np.linalg.inv(A @ A) @ A @ b\nB = np.loadtxt('b.txt')\nx2 = np.linalg.solve(B @ B, B @ b)\n",
        id="square-or-unknown-matrix-not-data",
    ),
    pytest.param(
        DATA + "S = np.cov(X.T)\nv = np.ones(3)\nz = np.linalg.inv(S.T @ S) @ S @ v\n",
        id="symmetric-matrix",
    ),
    pytest.param(
        DATA + "v = rng.normal(size=3)\nc = np.linalg.solve(X @ X.T, X @ v)\n",
        id="row-space-projection",
    ),
    pytest.param(
        "import numpy as np\nX = np.random.randn(3, 100)\ny = np.random.randn(100)\n"
        "w = np.linalg.solve(X @ X.T, X @ y)\nw2 = np.linalg.inv(X @ X.T) @ X @ y\n",
        id="samples-in-columns-correct",
    ),
    pytest.param(
        DATA + "Z = rng.normal(size=(100, 3))\nw = np.linalg.solve(X.T @ X, Z.T @ y)\n",
        id="other-matrix-on-the-right",
    ),
    pytest.param(
        DATA + "w = np.linalg.inv(X @ X.T) @ X @ y  # expect: S101\nv = np.ones(3)\n"
        "w2 = np.linalg.solve(X.T @ X, X.T @ v)  # expect: S101\n",
        id="consistent-but-y-has-the-other-length",
    ),
]

# -- weighted least squares: X^T W X w = X^T W y, the weights between the factors ------------

WEIGHTED = DATA + "w = rng.random(100)\nW = np.diag(w)\n"

WEIGHTED_POSITIVE = [
    pytest.param(WEIGHTED + "b = np.linalg.solve(X.T @ W @ X, X @ W @ y)  # expect: L201\n", id="weight-matrix"),
    pytest.param(WEIGHTED + "b = np.linalg.solve(X.T @ np.diag(w) @ X, X @ (w * y))  # expect: L201\n"
                 "b2 = np.linalg.inv(X.T @ W @ X) @ X @ W @ y  # expect: L201\n", id="diag-inline-and-inverse"),
    pytest.param(WEIGHTED + "b = np.linalg.solve((X.T * w) @ X, X @ (w * y))  # expect: L201\n"
                 "b2 = np.linalg.solve(X.T @ (w[:, None] * X), X.dot(W).dot(y))  # expect: L201\n",
                 id="elementwise-weights"),
    pytest.param(WEIGHTED + "b = np.linalg.solve(X @ W @ X.T, X.T @ W @ y)  # expect: L201\n"
                 "b2 = np.linalg.solve(X @ W @ X, X @ W @ y)  # expect: L201\n",
                 id="gram-misplaced-replaces-the-s101-inside"),
    pytest.param(WEIGHTED + "XtW = X.T @ W\nG = XtW @ X + 0.1 * np.eye(3)\nb = np.linalg.solve(G, X @ (W @ y))  # expect: L201\n",
                 id="through-variables-with-ridge"),
    pytest.param(
        "import numpy as np\nX = np.random.randn(3, 100)  # samples in columns\ny = np.random.randn(100)\n"
        "W = np.diag(np.random.rand(100))\nb = np.linalg.solve(X.T @ W @ X, X @ W @ y)  # expect: L201\n",
        id="samples-in-columns",
    ),
    pytest.param(
        '''\
        import numpy as np
        def fit(X, y, weights):
            """
            Parameters
            ----------
            X : ndarray of shape (N, M)
            y : ndarray of shape (N,)
            weights : ndarray of shape (N,)
            """
            W = np.diag(weights)
            return np.linalg.solve(X.T @ W @ X, X @ W @ y)  # expect: L201
        ''',
        id="declared-numpy-ml-style",
    ),
]

WEIGHTED_NEGATIVE = [
    pytest.param(WEIGHTED + "b1 = np.linalg.solve(X.T @ W @ X, X.T @ W @ y)\n"
                 "b2 = np.linalg.solve(X.T @ np.diag(w) @ X, X.T @ (w * y))\n"
                 "b3 = np.linalg.solve((X.T * w) @ X, (X.T * w) @ y)\n"
                 "b4 = np.linalg.solve(X.T @ (w[:, None] * X), (w[:, None] * X).T @ y)\n"
                 "b5 = np.linalg.inv(X.T @ W @ X) @ X.T @ W @ y\n"
                 "b6 = np.linalg.solve(X.T.dot(W).dot(X), X.T.dot(W.dot(y)))\n", id="consistent-spellings"),
    pytest.param(WEIGHTED + "sw = np.sqrt(w)\nXw = sw[:, None] * X\nb = np.linalg.solve(Xw.T @ Xw, Xw.T @ (sw * y))\n",
                 id="rescaled-data-plain-gram"),
    pytest.param(WEIGHTED + "V = np.diag(rng.random(100))\n"
                 "b1 = np.linalg.solve(X.T @ W @ X, X @ y)  # expect: S101\n"
                 "b2 = np.linalg.solve(X.T @ W @ X, X @ V @ y)  # expect: S101\n"
                 "b3 = np.linalg.solve(X.T @ W @ X, X.T @ y)\n", id="weighted-differently-not-the-normal-equations"),
    pytest.param(WEIGHTED + "S = rng.normal(size=(3, 3))\nK = X @ S @ X.T + np.eye(100)\n"
                 "f = np.linalg.solve(K, X @ S @ X.T @ y)\nc = np.linalg.solve(X @ S @ X.T, X @ S @ rng.normal(size=3))\n",
                 id="feature-covariance-kernel-not-sample-weights"),
    pytest.param(
        "import numpy as np\nX = np.random.randn(3, 100)\ny = np.random.randn(100)\nW = np.diag(np.random.rand(100))\n"
        "b = np.linalg.solve(X @ W @ X.T, X @ W @ y)\n", id="samples-in-columns-correct",
    ),
    pytest.param(
        "import numpy as np\ndata = np.loadtxt('d.csv')\nX, y, W = data[:, :-1], data[:, -1], np.loadtxt('w.csv')\n"
        "b = np.linalg.solve(X.T @ W @ X, X @ W @ y)\n", id="weights-of-unknown-shape",
    ),
]


@pytest.mark.parametrize("code", WEIGHTED_POSITIVE)
def test_weighted_reported(code: str) -> None:
    assert_expected(code, families=("L201", "S", "E"))


@pytest.mark.parametrize("code", WEIGHTED_NEGATIVE)
def test_weighted_not_reported(code: str) -> None:
    assert_expected(code, families=("L201", "S", "E"))


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("b = np.linalg.solve(X.T @ W @ X, X @ W @ y)", "b = np.linalg.solve(X.T @ W @ X, X.T @ W @ y)"),
        ("b = np.linalg.solve(X @ W @ X.T, X.T @ W @ y)", "b = np.linalg.solve(X.T @ W @ X, X.T @ W @ y)"),
        ("b = np.linalg.solve((X.T * w) @ X, X @ (w * y))", "b = np.linalg.solve((X.T * w) @ X, X.T @ (w * y))"),
        ("b = np.linalg.inv(X.T @ W @ X) @ X @ W @ y", "b = np.linalg.inv(X.T @ W @ X) @ X.T @ W @ y"),
    ],
)
def test_the_weighted_fix_toggles_the_transposes_and_rechecks_clean(line: str, fixed: str) -> None:
    code = WEIGHTED + line + "\n"
    fix = only(check_text(code, "f.py"), "L201").fix
    assert fix is not None and fix.safe  # the shapes prove the layout: the code raises as written
    new = _apply(code, fix)
    assert new[len(WEIGHTED):].rstrip("\n") == fixed
    ast.parse(new)
    assert not [f for f in check_text(new, "f.py").findings if f.code in ("L201", "S101")]


def test_no_fix_when_a_wrong_factor_carries_its_own_weights() -> None:
    # toggling X in w[:, None] * X would leave the weights on the wrong axis: (n, 1) * (d, n)
    code = WEIGHTED + "b = np.linalg.solve((w[:, None] * X) @ X.T, X.T @ (w * y))\n"
    finding = only(check_text(code, "f.py"), "L201")
    assert finding.fix is None and "X^T W X w = X^T W y" in finding.message


def test_the_weighted_message_names_the_weights() -> None:
    finding = only(check_text(WEIGHTED + "b = np.linalg.solve(X.T @ W @ X, X @ W @ y)\n", "f.py"), "L201")
    assert "this solves X^T W X w = X W y" in finding.message
    assert "weighted least squares needs X^T W X w = X^T W y" in finding.message


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code, families=("L201", "S", "E"))


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code, families=("L201", "S", "E"))


def test_notebook_split_across_cells() -> None:
    assert_expected_cells(
        [
            ("code", "import numpy as np\nX = np.random.randn(200, 5)\ny = np.random.randn(200)"),
            ("markdown", "The normal equations $X^T X w = X^T y$"),
            ("code", "gram = X.T @ X\nmoment = X @ y  # expect: L201"),
            ("code", "w = np.linalg.solve(gram, moment)"),
        ],
        families=("L201", "S", "E"),
    )


def _apply(code: str, fix) -> str:  # type: ignore[no-untyped-def]
    lines = code.split("\n")
    for edit in sorted(fix.edits, key=lambda e: (e.span.line, e.span.col), reverse=True):
        row = lines[edit.span.line - 1]
        lines[edit.span.line - 1] = row[: edit.span.col] + edit.new_text + row[edit.span.end_col :]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("head", "line", "fixed", "safe"),
    [
        (DATA, "w = np.linalg.inv(X.T @ X) @ X @ y", "w = np.linalg.inv(X.T @ X) @ X.T @ y", True),
        (DATA, "w = np.linalg.inv(X @ X) @ X @ y", "w = np.linalg.inv(X.T @ X) @ X.T @ y", True),
        (DATA, "w = np.linalg.solve(X @ X.T, X.T @ y)", "w = np.linalg.solve(X.T @ X, X.T @ y)", True),
        (DATA, "w = np.linalg.solve(np.dot(X, np.transpose(X)), X.T @ y)",
         "w = np.linalg.solve(np.dot(X.T, X), X.T @ y)", True),
        (DATA, "Xc = X - X.mean(axis=0)\nw = np.linalg.solve((Xc).T @ Xc, 2 * Xc @ y)",
         "Xc = X - X.mean(axis=0)\nw = np.linalg.solve((Xc).T @ Xc, 2 * Xc.T @ y)", True),
        ("import numpy as np\nX = np.random.randn(3, 100)\ny = np.random.randn(100)\n",
         "w = np.linalg.solve(X.T @ X, X @ y)", "w = np.linalg.solve(X @ X.T, X @ y)", True),
        ("import numpy as np\ndata = np.loadtxt('d.csv')\nX, y = data[:, :-1], data[:, -1]\n",
         "w = np.linalg.inv(X.T @ X) @ X @ y", "w = np.linalg.inv(X.T @ X) @ X.T @ y", False),
    ],
)
def test_the_fix_inserts_the_transpose_and_rechecks_clean(head: str, line: str, fixed: str, safe: bool) -> None:
    code = head + line + "\n"
    before = check_text(code, "f.py")
    fix = only(before, "L201").fix
    assert fix is not None and fix.safe is safe
    new = _apply(code, fix)
    assert new[len(head):].rstrip("\n") == fixed
    ast.parse(new)
    after = check_text(new, "f.py")
    assert not [f for f in after.findings if f.code in ("L201", "S101")]
    # L202 (info: use solve, not inv) may now see the inverse the user wrote, whose shape was unknown before
    assert {f.code for f in after.findings} - {"L202"} <= {f.code for f in before.findings}


def test_no_fix_when_the_gram_is_built_in_another_function() -> None:
    code = DATA + "def gram(A):\n    return A @ A.T\nw = np.linalg.solve(gram(X), X.T @ y)\n"
    finding = only(check_text(code, "f.py"), "L201")
    assert finding.span.line == 6 and finding.fix is None


def test_the_message_names_the_layout_and_the_equations() -> None:
    finding = only(check_text(DATA + "w = np.linalg.solve(X @ X.T, X.T @ y)\n", "f.py"), "L201")
    assert "X X^T w = X^T y" in finding.message and "X^T X w = X^T y" in finding.message
    assert "samples in rows" in finding.message


def test_a_suppressed_finding_does_not_hide_the_shape_error() -> None:
    code = DATA + "w = np.linalg.inv(X.T @ X) @ X @ y  # noqa: L201\n"
    assert [f.code for f in check_text(code, "f.py").findings if f.code.startswith(("L201", "S"))] == ["S101"]
