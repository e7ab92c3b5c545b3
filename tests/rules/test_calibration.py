"""The calibration notes of rules.md (issue 5, item 2), one named case each.

Patterns common *and harmless* in public course code stay silent under every rule;
the real bug shapes next to them are reported. Each case is checked for all
families: a harmless pattern must not trip any rule, including ones added later.
"""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected

ALL_FAMILIES = ("S", "L", "N", "P", "G", "D", "M", "E")

HARMLESS = [
    pytest.param(
        """\
        import numpy as np
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        X = np.random.randn(100, 3)
        w = np.zeros(3)
        p = sigmoid(X @ w)
        q = 1.0 / (1.0 + np.exp(-(X @ w)))
        """,
        id="plain-sigmoid-1-over-1-plus-exp-minus-z",
    ),
    pytest.param(
        """\
        import numpy as np
        N, C = 64, 10
        scores = np.random.randn(N, C)
        y = np.random.randint(C, size=N)
        scores -= np.max(scores, axis=1, keepdims=True)
        probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
        loss = np.sum(-np.log(probs[np.arange(N), y])) / N
        also = -np.log(probs[range(N), y]).mean()
        """,
        id="log-of-stable-softmax-probabilities-cs231n",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(200, 4)
        y = np.random.poisson(2.0, size=200).astype(float)
        W = np.zeros(4)
        lr = 1e-3
        for it in range(100):
            # gradient of the Poisson log-likelihood sum_i y_i x_i^T W - exp(x_i^T W): maximised
            grad = X.T @ (y - np.exp(X @ W))
            W += lr * grad
        """,
        id="plus-equals-ascent-on-a-likelihood",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(150, 3)
        y = (np.random.rand(150) > 0.5).astype(float)
        w = np.zeros(3)
        eta = 0.01
        for epoch in range(50):
            output = 1 / (1 + np.exp(-X.dot(w)))
            w += eta * X.T.dot(y - output)
        """,
        id="w-plus-eta-X-T-dot-y-minus-output",
    ),
    pytest.param(
        """\
        import numpy as np
        C, D, N = 10, 50, 200
        W = 0.001 * np.random.randn(C, D)
        X = np.random.randn(D, N)
        y = np.random.randint(C, size=N)
        scores = W.dot(X)
        scores -= np.max(scores, axis=0)
        probs = np.exp(scores) / np.sum(np.exp(scores), axis=0)
        loss = -np.mean(np.log(probs[y, np.arange(N)]))
        dscores = probs.copy()
        dscores[y, np.arange(N)] -= 1
        dW = dscores.dot(X.T) / N
        """,
        id="classes-by-batch-layout-with-axis-0",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.random.randn(8, 5)
        U, s, V = np.linalg.svd(A, full_matrices=False)
        A_rebuilt = U @ np.diag(s) @ V
        A_k = U[:, :2] @ np.diag(s[:2]) @ V[:2, :]
        v1 = V[0]
        A_pinv = V.T @ np.diag(1 / s) @ U.T
        """,
        id="svd-result-named-V-used-as-Vh",
    ),
]

BUGS = [
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(100, 3)
        y = (np.random.rand(100) > 0.5).astype(float)
        w = np.zeros(3)
        for it in range(10):
            p = 1 / (1 + np.exp(-X @ w))
            grad = X.T @ (p - y)
            Hinv = np.linalg.inv((X.T * (p * (1 - p))) @ X)
            w = w - Hinv * grad  # expect: G503
        """,
        id="w-minus-Hinv-times-grad",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.random.randn(10, 3)
        U, s, Vt = np.linalg.svd(A, full_matrices=False)
        A_pinv = (U @ np.diag(1 / s) @ Vt.T).T  # expect: L204
        """,
        id="svd-third-result-transposed-again-in-a-pseudo-inverse",
    ),
    pytest.param(
        """\
        import numpy as np
        scores = np.random.randn(64, 10)
        shifted = scores - np.max(scores)
        exp_scores = np.exp(shifted)  # expect: N301
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        """,
        id="batch-shifted-by-its-global-max",
    ),
]


@pytest.mark.parametrize("code", HARMLESS)
def test_harmless_pattern_is_silent(code: str) -> None:
    assert_expected(code, families=ALL_FAMILIES)


@pytest.mark.parametrize("code", BUGS)
def test_real_bug_shape_is_reported(code: str) -> None:
    assert_expected(code, families=ALL_FAMILIES)
