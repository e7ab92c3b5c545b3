"""L206 eigh-ascending-order: the front of ``eigh``'s result taken as the largest."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells

HEAD = """\
import numpy as np
X = np.random.randn(200, 6)
Xc = X - X.mean(axis=0)
"""

POSITIVE = [
    pytest.param(HEAD + "lam, V = np.linalg.eigh(np.cov(Xc.T))\nZ = Xc @ V[:, :2]  # expect: L206\n", id="pca-top-k"),
    pytest.param(HEAD + "lam, V = np.linalg.eigh(Xc.T @ Xc)\npc1 = V[:, 0]  # expect: L206\n", id="first-pc-gram"),
    pytest.param(HEAD + "ev = np.linalg.eigvalsh(Xc.T @ Xc / 199)\ntop3 = ev[:3]  # expect: L206\n", id="eigvalsh-top-values"),
    pytest.param(
        "import numpy as onp\nimport scipy.linalg as sla\nA = onp.random.randn(30, 4)\n"
        "w, U = sla.eigh(A @ A.T)\nlead = U[:, 0:2]  # expect: L206\n",
        id="scipy-outer-gram",
    ),
]

NEGATIVE = [
    pytest.param(HEAD + "lam, V = np.linalg.eigh(np.cov(Xc.T))\nV = V[:, ::-1]\nZ = Xc @ V[:, :2]\n", id="reversed"),
    pytest.param(
        HEAD + "lam, V = np.linalg.eigh(np.cov(Xc.T))\nidx = np.argsort(lam)[::-1]\nV = V[:, idx]\nZ = Xc @ V[:, :2]\n",
        id="argsort",
    ),
    pytest.param(
        HEAD + "lam, V = np.linalg.eigh(np.cov(Xc.T))\nlast = V[:, -1]\nif lam[0] <= 0:\n    raise ValueError('not PD')\n",
        id="last-column-and-pd-check",
    ),
    pytest.param(
        "import numpy as np\nA = np.random.rand(8, 8)\nW = (A + A.T) / 2\nL = np.diag(W.sum(axis=1)) - W\n"
        "vals, vecs = np.linalg.eigh(L)\nfiedler = vecs[:, 1]\nsmallest = vecs[:, :3]\n",
        id="graph-laplacian-smallest-wanted",
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
        ("code", "import numpy as np\nX = np.random.randn(100, 4)\nC = np.cov(X.T)"),
        ("code", "lam, V = np.linalg.eigh(C)"),
        ("markdown", "Project on the first two principal components"),
        ("code", "Z = X @ V[:, :2]  # expect: L206"),
    ])
