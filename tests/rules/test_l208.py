"""L208 eigh-on-nonsymmetric: ``eigh`` on a matrix that is provably not symmetric."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

LDA = """\
import numpy as np
import scipy.linalg
rng = np.random.default_rng(0)
X1 = rng.normal(size=(50, 4))
X2 = rng.normal(size=(60, 4)) + 1.0
S_W = np.cov(X1.T) + np.cov(X2.T)
d = X1.mean(axis=0) - X2.mean(axis=0)
S_B = np.outer(d, d)
"""

POSITIVE = [
    pytest.param(LDA + "evals, W = np.linalg.eigh(np.linalg.inv(S_W) @ S_B)  # expect: L208\n", id="lda-inverse-product"),
    pytest.param(
        LDA + "M = np.linalg.solve(S_W, S_B)\nevals, W = scipy.linalg.eigh(M)  # expect: L208\n"
        "lam = np.linalg.eigvalsh(S_B.dot(np.linalg.pinv(S_W)))  # expect: L208\n",
        id="solve-and-pinv-through-a-variable",
    ),
    pytest.param(
        "import numpy as onp\nfrom numpy.linalg import eigh\nrng = onp.random.default_rng(1)\n"
        "A = rng.normal(size=(5, 5))\nB = rng.normal(size=(5, 5))\n"
        "w, V = eigh(A @ B)  # expect: L208\nu = eigh(A)  # expect: L208\n",
        id="random-products-bare-eigh-alias",
    ),
    pytest.param(
        "import numpy as np\nfrom scipy.linalg import eigvalsh\nM = np.array([[2.0, 1.0], [0.0, 3.0]])\n"
        "ev = eigvalsh(M)  # expect: L208\nC = np.cov(np.random.randn(3, 40)) + np.random.randn(3, 3)\n"
        "ev2 = np.linalg.eigvalsh(C)  # expect: L208\n",
        id="literal-and-symmetric-plus-random",
    ),
    pytest.param(
        LDA + "def fisher_directions(Sw, Sb):\n    return np.linalg.eigh(np.linalg.inv(Sw) @ Sb)  # expect: L208\n"
        "evals, W = fisher_directions(S_W, S_B)\n",
        id="in-a-helper",
    ),
    pytest.param(
        "import numpy as np\nrng = np.random.default_rng(0)\nX = rng.normal(size=(60, 3))\n"
        "y = rng.integers(0, 3, size=60)\nmu = X.mean(axis=0)\nS_w = np.zeros((3, 3))\nS_b = np.zeros((3, 3))\n"
        "for c in range(3):\n    Xc = X[y == c]\n    mc = Xc.mean(axis=0)\n"
        "    S_w += (Xc - mc).T @ (Xc - mc)\n    S_b += len(Xc) * np.outer(mc - mu, mc - mu)\n"
        "ok = np.linalg.eigh(S_w)\nlam, W = np.linalg.eigh(np.linalg.inv(S_w) @ S_b)  # expect: L208\n",
        id="scatter-matrices-accumulated-over-classes",
    ),
]

NEGATIVE = [
    pytest.param(
        LDA + "L = np.linalg.cholesky(S_W)\nL_inv = np.linalg.inv(L)\na = np.linalg.eigh(L_inv @ S_B @ L_inv.T)\n"
        "b = scipy.linalg.eigh(S_B, S_W)\nc = np.linalg.eigh(S_W @ (S_W + 0.1 * np.eye(4)))\n"
        "e = np.linalg.eigh(np.linalg.inv(S_W) @ S_W)\n",
        id="congruence-generalized-and-commuting",
    ),
    pytest.param(
        "import numpy as np\nX = np.random.randn(100, 3)\nw = np.random.rand(100)\n"
        "H1 = np.linalg.eigh(X.T @ np.diag(w) @ X)\nH2 = np.linalg.eigh(X.T @ (w[:, None] * X))\n"
        "H3 = np.linalg.eigvalsh((w * X.T) @ X)\nH4 = np.linalg.eigh(X.T @ X)\nH5 = np.linalg.eigh(np.cov(X.T))\n",
        id="weighted-gram-matrices",
    ),
    pytest.param(
        "import numpy as np\nA = np.random.randn(4, 4)\nS = (A + A.T) / 2\nw = np.linalg.eigh(S)\n"
        "T = np.random.randn(4, 4)\nT += T.T\nv = np.linalg.eigh(T)\nK = A @ A.T + np.eye(4)\nu = np.linalg.eigh(K)\n",
        id="symmetrised",
    ),
    pytest.param(
        "import numpy as np\ndef spectrum(M):\n    return np.linalg.eigh(M)\nG = np.load('g.npy')\n"
        "a = spectrum(G)\nb = np.linalg.eigh(G @ G)\nc = np.linalg.eigh(np.loadtxt('h.txt'))\n",
        id="construction-unknown",
    ),
    pytest.param(
        "import numpy as np\nn = 4\nR = np.random.randn(n, n)\nfor i in range(n):\n    for j in range(i):\n"
        "        R[i, j] = R[j, i]\na = np.linalg.eigh(R)\nQ = np.random.randn(n, n)\nnp.fill_diagonal(Q, 0.0)\n"
        "b = np.linalg.eigvalsh(Q @ np.cov(np.random.randn(n, 10)))\n"
        "def symmetrise(M):\n    M[:] = (M + M.T) / 2\nP1 = np.random.randn(n, n)\nP2 = np.random.randn(n, n)\n"
        "symmetrise(P1)\nsymmetrise(P2)\nc = np.linalg.eigh(P1)\ne = np.linalg.eigh(P2)\n",
        id="written-into-after-the-draw",
    ),
    pytest.param(
        "import numpy as np\nP = np.array([[2.0, 1.0], [1.0, 3.0]])\nw = np.linalg.eigh(P)\n"
        "D = np.diag(np.arange(1.0, 3.0))\nv = np.linalg.eigh(D @ np.diag(np.ones(2)))\n"
        "I = np.eye(2)\nu = np.linalg.eigh(3.0 * I @ P)\n",
        id="symmetric-literal-diagonals-identity",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code, families=("L208", "S", "E"))


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code, families=("L208", "S", "E"))


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", LDA),
        ("markdown", "Fisher's criterion: maximise $w^T S_B w / w^T S_W w$"),
        ("code", "M = np.linalg.inv(S_W) @ S_B"),
        ("code", "evals, W = np.linalg.eigh(M)  # expect: L208\nok = scipy.linalg.eigh(S_B, S_W)"),
    ], families=("L208", "S", "E"))


def test_the_message_suggests_the_generalized_form() -> None:
    code = LDA + "evals, W = np.linalg.eigh(np.linalg.inv(S_W) @ S_B)\n"
    finding = only(check_text(code, "f.py"), "L208")
    assert "scipy.linalg.eigh(S_B, S_W)" in finding.message and "np.linalg.eig" in finding.message
    assert "do not commute" in finding.message and finding.fix is None
