"""L205 eig-on-symmetric: ``eig`` where ``eigh`` is meant."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        import scipy.linalg as sla
        X = np.random.randn(100, 5)
        ev = sla.eigvals(np.cov(X, rowvar=False))  # expect: L205
        """,
        id="scipy-eigvals",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(100, 5)
        lam, V = np.linalg.eig(X.T @ X)  # expect: L205
        mu = np.linalg.eigvals(X @ X.T)  # expect: L205
        """,
        id="gram-both-sides",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(100, 5)
        Xc = X - X.mean(axis=0)
        C = Xc.T.dot(Xc) / (len(Xc) - 1)
        w, U = np.linalg.eig(C)  # expect: L205
        """,
        id="covariance-via-dot-scaled",
    ),
    pytest.param(
        """\
        import numpy as onp
        import scipy.linalg as sla
        A = onp.random.randn(4, 4)
        S = (A + A.T) / 2
        ev = sla.eig(S)  # expect: L205
        """,
        id="symmetrised-scipy",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(100, 5)
        vals = np.linalg.eigvals(np.cov(X.T) + 0.1 * np.eye(5))  # expect: L205
        """,
        id="cov-plus-ridge",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        A = np.random.randn(5, 5)
        B = np.random.randn(5, 5)
        w1 = np.linalg.eig(A)
        w2 = np.linalg.eig(A @ B)
        w3 = np.linalg.eig(B @ (A.T @ A))
        """,
        id="general-matrices",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.random.randn(5, 5)
        K = A - A.T
        w = np.linalg.eig(K)
        """,
        id="antisymmetric",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(100, 5)
        lam, V = np.linalg.eigh(X.T @ X)
        R = np.random.randn(5, 5).T @ np.random.randn(5, 5)
        w = np.linalg.eig(R)
        """,
        id="eigh-and-two-different-random-draws",
    ),
    pytest.param(
        """\
        import numpy as np
        def spectrum(M):
            return np.linalg.eig(M)
        S = np.random.randn(5, 5)
        spectrum(S)
        """,
        id="unknown-symmetry",
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
        ("code", "import numpy as np\nX = np.random.randn(50, 3)\nG = X.T @ X"),
        ("markdown", "Eigen-decomposition of the Gram matrix"),
        ("code", "lam, Q = np.linalg.eig(G)  # expect: L205"),
    ])
