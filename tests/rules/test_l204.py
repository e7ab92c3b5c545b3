"""L204 svd-vh-as-v: ``Vh`` from ``svd`` transposed again or read by columns."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells

HEAD = "import numpy as np\nA = np.random.randn(6, 4)\n"

POSITIVE = [
    pytest.param(HEAD + "U, s, Vh = np.linalg.svd(A, full_matrices=False)\n"
                 "A2 = U @ np.diag(s) @ Vh.conj().T  # expect: L204\n"
                 "A3 = np.dot(U * s, Vh.conjugate().T)  # expect: L204\nA4 = U @ np.diag(s) @ Vh.conj()\n",
                 id="hermitian-transpose-of-vh"),
    pytest.param("import numpy as np\nfrom scipy.linalg import svd\nA = np.random.randn(5, 5)\nu, s, vt = svd(A)\n"
                 "A2 = np.dot(u, np.dot(np.diag(s), vt.T))  # expect: L204\n"
                 "A3 = u @ (np.diag(s) @ vt.T)  # expect: L204\n", id="reconstruction-nested-right-to-left"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nk = 2\n"
                 "A_k = U[:, :k] @ np.diag(s[:k]) @ Vt[:, :k].T  # expect: L204\n"
                 "Z = A @ Vt[:, :k]  # expect: L204\n", id="column-range-taken-as-right-singular-vectors"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
                 "A_hat = U @ np.diag(s) @ Vt.T  # expect: L204\n", id="reconstruction"),
    pytest.param(HEAD + "U, s, V = np.linalg.svd(A)\nv1 = V[:, 0]  # expect: L204\n", id="named-v-column"),
    pytest.param(HEAD + "U, s, Vh = np.linalg.svd(A, full_matrices=False)\n"
                 "B = (U * s).dot(Vh.T)  # expect: L204\n", id="broadcast-scale-dot"),
    pytest.param("import numpy as onp\nimport scipy.linalg as sla\nM = onp.random.randn(5, 5)\n"
                 "P, d, Q = sla.svd(M)\nM2 = P @ onp.diag(d) @ Q.T  # expect: L204\n", id="scipy-square"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
                 "A_pinv = Vt @ np.diag(1 / s) @ U.T  # expect: L204\n", id="vh-for-v-in-the-pseudo-inverse"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
                 "A_T = Vt @ np.diag(s) @ U.T  # expect: L204\n", id="vh-for-v-rebuilding-the-transpose"),
    pytest.param("import numpy as np\nM = np.random.randn(5, 5)\nU, s, Vh = np.linalg.svd(M)\nb = np.random.randn(5)\n"
                 "x = Vh @ (np.diag(1 / s) @ (U.T @ b))  # expect: L204\n", id="square-least-squares-right-to-left"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nS_inv = np.linalg.inv(np.diag(s))\n"
                 "left = Vt.dot(S_inv)  # expect: L204\npinv = left.dot(np.transpose(U))\n", id="through-a-variable-and-dot"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
                 "A_pinv = (Vt / s) @ U.T  # expect: L204\n", id="broadcast-scaling"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nk = 2\n"
                 "A_k_pinv = Vt[:k] @ np.diag(1 / s[:k]) @ U[:, :k].T  # expect: L204\n", id="truncated-rows"),
    pytest.param("import numpy as np\nA = np.random.randn(3, 7)\nU, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
                 "A_pinv = Vt @ np.diag(1 / s) @ U.T  # expect: L204\n", id="wide-matrix-one-finding-not-s101"),
]

NEGATIVE = [
    pytest.param("import numpy as np\nA = np.random.randn(10, 5, 3)\nU, s, Vt = np.linalg.svd(A)\n"
                 "v = Vt[:, 0]\nnull = Vt[:, -1]\ntop = Vt[:, :2]\n", id="batched-svd-rows-of-each"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nW = Vt[:, :]\nR = Vt[:, ::-1]\n"
                 "A2 = np.dot(U, np.dot(np.diag(s), Vt))\n", id="whole-copy-and-nested-correct"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nA_hat = U @ np.diag(s) @ Vt\n"
                 "V = Vt.T\nv1 = V[:, 0]\nv2 = Vt[1]\n", id="correct-uses"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nP = Vt.T @ Vt\n"
                 "proj = A @ Vt.T\nu0 = U[:, 0]\n", id="projector-and-projection"),
    pytest.param(HEAD + "Q, R = np.linalg.qr(A)\nB = Q @ R.T\nc = R[:, 0]\n", id="qr-not-svd"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nU2, s2, Vt2 = np.linalg.svd(A.T)\n"
                 "X = U2 @ Vt.T\n", id="other-svd-call"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nA_pinv = Vt.T @ np.diag(1 / s) @ U.T\n"
                 "A_pinv2 = (U @ np.diag(1 / s) @ Vt).T\nA_pinv3 = (Vt.T / s) @ U.T\nA_T = Vt.T @ np.diag(s) @ U.T\n",
                 id="pseudo-inverse-and-transpose-correct"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nk = 2\n"
                 "A_k = U[:, :k] @ np.diag(s[:k]) @ Vt[:k]\nG = Vt.T @ np.diag(s**2) @ Vt\nC = U @ np.diag(s**2) @ U.T\n"
                 "W = np.diag(1 / s) @ U.T\nZ = W @ A\n", id="reconstruction-gram-whitening"),
    pytest.param(HEAD + "U, s, Vt = np.linalg.svd(A, full_matrices=False)\nU2, s2, Vt2 = np.linalg.svd(A.T, full_matrices=False)\n"
                 "mixed = Vt @ np.diag(1 / s2) @ U2.T\nA_pinv = U2 @ np.diag(1 / s2) @ Vt2\n",
                 id="factors-of-two-calls-and-the-pinv-of-a-transposed-svd"),
    pytest.param("import numpy as np\nA = np.random.randn(8, 3)\nU, s, Vt = np.linalg.svd(A)\n"
                 "P = Vt @ np.diag(1 / s) @ U.T  # expect: S101\n", id="full-u-of-a-tall-matrix-is-s101s"),
    pytest.param("import numpy as np\ndef pinv(A):\n    U, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
                 "    return Vt @ np.diag(1 / s) @ U.T\n", id="unknown-shapes-a-stack-maybe"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code, families=("L", "S", "E"))


def test_wide_matrix_s101_is_replaced() -> None:
    """For a wide A the shapes fail at Vt @ diag(1 / s): that S101 is the same bug, one finding."""
    code = ("import numpy as np\nA = np.random.randn(3, 7)\nU, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
            "A_pinv = Vt @ np.diag(1 / s) @ U.T  # expect: L204\n")
    report = assert_expected(code, families=("L", "S", "E"))
    assert "Vt.T" in report.findings[0].message and report.findings[0].related


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", "import numpy as np\nA = np.random.randn(8, 3)"),
        ("code", "U, S, V = np.linalg.svd(A, full_matrices=False)"),
        ("markdown", "Rank-1 approximation"),
        ("code", "A1 = S[0] * np.outer(U[:, 0], V[:, 0])  # expect: L204"),
    ])


def test_pseudo_inverse_split_across_cells() -> None:
    assert_expected_cells([
        ("code", "import numpy as np\nA = np.random.randn(9, 4)\nU, s, Vt = np.linalg.svd(A, full_matrices=False)"),
        ("markdown", "$A^+ = V \\Sigma^{-1} U^T$"),
        ("code", "left = Vt @ np.diag(1 / s)  # expect: L204"),
        ("code", "A_pinv = left @ U.T\nx = A_pinv @ np.ones(9)"),
    ])
