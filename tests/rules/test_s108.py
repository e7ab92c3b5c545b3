"""S108 transpose-of-1d: ``.T`` on a 1-D array where a matrix was meant."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected

HEAD = "import numpy as np\nn, d = 50, 3\nX = np.random.randn(n, d)\nv = np.random.randn(d)\n"

POSITIVE = [
    pytest.param(HEAD + "H = np.zeros((d, d))\nfor i in range(n):\n    x_i = X[i]\n"
                 "    H += 0.5 * (x_i.T @ x_i)  # expect: S108\n", id="hessian-accumulator"),
    pytest.param(HEAD + "P = np.eye(d) - v.T @ v / (v @ v)  # expect: S108\n", id="projector-numerator"),
    pytest.param(HEAD + "M = np.zeros((d, d))\nM = M + np.dot(v.T, v)  # expect: S108\n", id="np-dot-added-to-a-matrix"),
    pytest.param(HEAD + "S = np.eye(d)\nfor x_i in X:\n    S -= x_i.T.dot(x_i)  # expect: S108\n",
                 id="subtracted-in-place"),
]

NEGATIVE = [
    pytest.param(HEAD + "r = X @ v - np.ones(n)\nrss = r.T @ r\nw = np.zeros(d)\ns = w.T @ X[0] + 1.0\n"
                 "A = X.T @ X\nq = v.T @ A @ v\n", id="scalars-meant-as-scalars"),
    pytest.param(HEAD + "P = np.outer(v, v) / (v.T @ v)\nH = np.eye(d) - 2 * np.outer(v, v) / v.T.dot(v)\n",
                 id="projection-and-householder-normalised-by-the-inner-product"),
    pytest.param(HEAD + "A = X.T @ X\nR = A + (v.T @ v) * np.eye(d)\nA *= v.T @ v\nB = A / np.sqrt(v.T @ v)\n",
                 id="matrix-scaled-by-the-inner-product"),
    pytest.param(HEAD + "H = np.zeros((d, d))\nfor x_i in X:\n    H += np.outer(x_i, x_i)\n"
                 "G = np.zeros((d, d))\nfor x_i in X:\n    G += x_i[:, None] @ x_i[None, :]\n", id="outer-products"),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)
