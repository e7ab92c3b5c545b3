"""L204 svd-vh-as-v: ``Vh`` from ``svd`` transposed again or read by columns."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells

HEAD = "import numpy as np\nA = np.random.randn(6, 4)\n"

POSITIVE = [
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
                 "A_hat = U @ np.diag(s) @ Vt.T  # expect: L204\n", id="reconstruction"),
    pytest.param(HEAD + "U, s, V = np.linalg.svd(A)\nv1 = V[:, 0]  # expect: L204\n", id="named-v-column"),
    pytest.param(HEAD + "U, s, Vh = np.linalg.svd(A, full_matrices=False)\n"
                 "B = (U * s).dot(Vh.T)  # expect: L204\n", id="broadcast-scale-dot"),
    pytest.param("import numpy as onp\nimport scipy.linalg as sla\nM = onp.random.randn(5, 5)\n"
                 "P, d, Q = sla.svd(M)\nM2 = P @ onp.diag(d) @ Q.T  # expect: L204\n", id="scipy-square"),
]

NEGATIVE = [
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nA_hat = U @ np.diag(s) @ Vt\n"
                 "V = Vt.T\nv1 = V[:, 0]\nv2 = Vt[1]\n", id="correct-uses"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nP = Vt.T @ Vt\n"
                 "proj = A @ Vt.T\nu0 = U[:, 0]\n", id="projector-and-projection"),
    pytest.param(HEAD + "Q, R = np.linalg.qr(A)\nB = Q @ R.T\nc = R[:, 0]\n", id="qr-not-svd"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nU2, s2, Vt2 = np.linalg.svd(A.T)\n"
                 "X = U2 @ Vt.T\n", id="other-svd-call"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", "import numpy as np\nA = np.random.randn(8, 3)"),
        ("code", "U, S, V = np.linalg.svd(A, full_matrices=False)"),
        ("markdown", "Rank-1 approximation"),
        ("code", "A1 = S[0] * np.outer(U[:, 0], V[:, 0])  # expect: L204"),
    ])
