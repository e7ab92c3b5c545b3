"""L202 explicit-inverse: ``inv(A) @ b`` where ``solve(A, b)`` is meant."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(100, 3)
        y = np.random.randn(100)
        w = np.linalg.inv(X.T @ X) @ (X.T @ y)  # expect: L202
        """,
        id="ols-matmul",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.eye(4)
        b = np.ones(4)
        x = np.linalg.inv(A).dot(b)  # expect: L202
        y = np.dot(np.linalg.inv(A), b)  # expect: L202
        Z = np.matmul(np.linalg.inv(A), np.ones((4, 2)))  # expect: L202
        """,
        id="dot-method-function-matmul",
    ),
    pytest.param(
        """\
        import numpy as np
        from numpy.linalg import inv
        X = np.random.randn(50, 2)
        y = np.random.randn(50)
        w = inv(X.T @ X) @ X.T @ y  # expect: L202
        """,
        id="bare-inv-chained",
    ),
    pytest.param(
        """\
        import numpy as onp
        import scipy.linalg as sla
        S = onp.eye(3) * 2.0
        m = sla.inv(S) @ onp.ones(3)  # expect: L202
        """,
        id="scipy-and-alias",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        S = np.eye(3) * 2.0
        P = np.linalg.inv(S)  # a precision matrix, used twice
        a = P @ np.ones(3)
        b = P @ np.zeros(3)
        """,
        id="inverse-kept-and-reused",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.eye(3)
        r = np.ones(3) @ np.linalg.inv(A)
        """,
        id="inverse-on-the-right",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(10, 3)
        w = np.linalg.pinv(X) @ np.ones(10)
        """,
        id="pseudo-inverse",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.eye(3)
        s = np.linalg.inv(A) * 2.0
        """,
        id="scaled-not-a-product-with-a-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        def f(A, b):
            return np.linalg.inv(A) @ b
        """,
        id="shapes-unknown",
    ),
    pytest.param(
        """\
        import numpy as np
        T = np.random.randn(5, 3, 3)
        v = np.linalg.inv(T) @ np.ones((5, 3, 1))
        """,
        id="batched-inverse",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_the_fix_is_safe_and_keeps_the_module() -> None:
    code = "import numpy as np\nA = np.eye(4)\nb = np.ones(4)\nx = np.linalg.inv(A @ A.T) @ (b - 1)\n"
    fix = only(check_text(code, "f.py"), "L202").fix
    assert fix is not None and fix.safe
    (edit,) = fix.edits
    assert (edit.span.line, edit.span.col, edit.span.end_col) == (4, 4, 36)
    assert edit.new_text == "np.linalg.solve(A @ A.T, b - 1)"


def test_no_fix_for_a_bare_inv_name() -> None:
    code = "import numpy as np\nfrom numpy.linalg import inv\nA = np.eye(2)\nx = inv(A) @ np.ones(2)\n"
    assert only(check_text(code, "f.py"), "L202").fix is None


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", "import numpy as np\nfrom numpy.linalg import inv"),
        ("markdown", "The normal equations $X^T X w = X^T y$."),
        ("code", "X = np.random.randn(80, 3)\ny = np.random.randn(80)\nG_inv = inv(X.T @ X)"),
        ("code", "w = inv(X.T @ X) @ (X.T @ y)  # expect: L202\nH = X @ G_inv @ X.T  # stored and reused: left alone"),
    ])
