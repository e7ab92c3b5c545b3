"""L207 singular-values-without-sqrt: eigenvalues of ``A.T @ A`` used as singular values."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

HEAD = """\
import numpy as np
A = np.random.randn(6, 3)
ev, V = np.linalg.eigh(A.T @ A)
ev, V = ev[::-1], V[:, ::-1]
U_np, s, Vh = np.linalg.svd(A, full_matrices=False)
"""

POSITIVE = [
    pytest.param(HEAD + "U = A @ V / ev  # expect: L207\nu1 = A @ V[:, 0] / ev[0]  # expect: L207\n",
                 id="dividing-A-V"),
    pytest.param(
        HEAD + "U = A @ V / np.sqrt(ev)\nA_hat = U @ np.diag(ev) @ V.T  # expect: L207\n"
        "A_hat2 = (U * ev) @ V.T  # expect: L207\nA_hat3 = U_np @ (np.diag(ev) @ Vh)  # expect: L207\n",
        id="sigma-in-a-reconstruction",
    ),
    pytest.param(
        HEAD + "assert np.allclose(ev, s)  # expect: L207\n"
        "np.testing.assert_allclose(np.sort(ev)[::-1], s)  # expect: L207\nerr = np.abs(ev - s).max()  # expect: L207\n",
        id="compared-with-svd",
    ),
    pytest.param(
        "import numpy as onp\nfrom scipy.linalg import eigh\nB = onp.random.randn(8, 4)\n"
        "lam = onp.linalg.eigvalsh(B @ B.T)\nlam = onp.sort(lam)[::-1][:4]\n"
        "sv = onp.linalg.svd(B, compute_uv=False)\nok = onp.allclose(lam, sv)  # expect: L207\n"
        "w, Q = eigh(B.T.dot(B))\nidx = onp.argsort(w)[::-1]\nsigma = onp.maximum(w[idx], 0)\n"
        "P = B.dot(Q[:, idx]) / sigma  # expect: L207\n",
        id="left-gram-scipy-eigvalsh-aliases",
    ),
    pytest.param(
        """\
        import numpy as np
        def svd_by_hand(A):
            evals, V = np.linalg.eig(A.T @ A)  # expect: L205
            order = np.argsort(evals.real)[::-1]
            sigma = evals.real[order]
            V = V[:, order].real
            U = A @ V / sigma  # expect: L207
            return U, sigma, V
        M = np.random.randn(5, 3)
        U, sigma, V = svd_by_hand(M)
        _, s_np, _ = np.linalg.svd(M)
        assert np.allclose(sigma, s_np)  # expect: L207
        """,
        id="in-a-helper-eig-real-part",
    ),
]

NEGATIVE = [
    pytest.param(
        HEAD + "sig = np.sqrt(ev)\nU = A @ V / sig\nA_hat = U @ np.diag(sig) @ V.T\n"
        "s2 = ev ** 0.5\nok = np.allclose(s2, s)\ns3 = np.sqrt(np.maximum(ev, 0))\nU3 = A @ V / s3\n",
        id="square-roots",
    ),
    pytest.param(HEAD + "G = V @ np.diag(ev) @ V.T\nok = np.allclose(G, A.T @ A)\nok2 = np.allclose(ev, s ** 2)\n",
                 id="eigendecomposition-of-the-gram-itself"),
    pytest.param(
        "import numpy as np\nX = np.random.randn(100, 4)\nXc = X - X.mean(axis=0)\n"
        "lam, W = np.linalg.eigh(Xc.T @ Xc / 99)\nlam, W = lam[::-1], W[:, ::-1]\n"
        "explained = lam / lam.sum()\nZ = Xc @ W / np.sqrt(lam)\nC = np.cov(Xc.T)\nmu, Q = np.linalg.eigh(C)\n"
        "ratio = mu[::-1] / np.sum(mu)\n",
        id="pca-variances",
    ),
    pytest.param(
        "import numpy as np\nA = np.random.randn(4, 4)\nB = np.random.randn(4, 4)\n"
        "ev, V = np.linalg.eig(A)\nU = A @ V / ev\nu, s, vh = np.linalg.svd(A)\nok = np.allclose(ev, s)\n"
        "mu, Q = np.linalg.eigh(A.T @ B)\nR = B @ Q / mu\n",
        id="not-a-gram-matrix",
    ),
    pytest.param(
        "import numpy as np\nfrom scipy.linalg import eigh\nA = np.random.randn(6, 3)\nS = np.eye(3)\n"
        "lam, V = eigh(A.T @ A, S)\nt = np.linspace(0, 1, 3)\nr = A @ V / lam.max()\n"
        "ev = np.linalg.eigvalsh(A.T @ A)\ncond = np.sqrt(ev.max() / ev.min())\n",
        id="generalized-and-a-condition-number",
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
        ("code", "import numpy as np\nA = np.random.randn(5, 3)\nevals, V = np.linalg.eigh(A.T @ A)"),
        ("markdown", "Singular values are the square roots of the eigenvalues of $A^T A$"),
        ("code", "order = np.argsort(evals)[::-1]\nsigma = evals[order]\nV = V[:, order]"),
        ("code", "U = A @ V / sigma  # expect: L207\nU_s = A @ V / np.sqrt(sigma)"),
    ])


def test_the_message_says_why_and_points_at_the_eigenvalues() -> None:
    finding = only(check_text(HEAD + "U = A @ V / ev\n", "f.py"), "L207")
    assert "A.T @ A" in finding.message and "np.sqrt" in finding.message and "sigma_i^2" in finding.message
    assert [r.span.line for r in finding.related] == [3]
    assert finding.fix is None
