"""N306 softmax-wrong-axis: a batch softmax normalised over the whole array."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(50, 4)
        W = np.random.randn(4, 3)
        y = np.random.randint(0, 3, 50)
        S = X @ W
        S = S - S.max(axis=1, keepdims=True)
        E = np.exp(S)
        P = E / E.sum(axis=0, keepdims=True)  # expect: N306
        loss = -np.log(P[np.arange(50), y]).mean()
        """,
        id="summed-over-the-axis-the-labels-index-as-samples",
    ),
    pytest.param(
        """\
        import numpy as np
        def softmax_loss(W, X, y):
            '''
            Inputs:
            - W: A numpy array of shape (D, C) containing weights.
            - X: A numpy array of shape (N, D) containing a minibatch of data.
            - y: A numpy array of shape (N,) containing training labels.
            '''
            scores = X.dot(W)
            scores -= np.max(scores, axis=1, keepdims=True)
            probs = np.exp(scores) / np.sum(np.exp(scores), axis=0, keepdims=True)  # expect: N306
            return -np.mean(np.log(probs[range(X.shape[0]), y] + 1e-12))
        """,
        id="cs231n-function-declared-shapes-log-of-picked-plus-eps",
    ),
    pytest.param(
        """\
        import numpy as np
        S = np.random.randn(32, 10)
        P = np.exp(S) / np.sum(np.exp(S))  # expect: N301, N306
        """,
        id="function-form-unshifted",
    ),
    pytest.param(
        """\
        import numpy as np
        S = np.random.randn(32, 10)
        E = np.exp(S - S.max(axis=1, keepdims=True))
        P = E / E.sum()  # expect: N306
        """,
        id="stable-but-no-axis",
    ),
    pytest.param(
        """\
        import numpy as onp
        def probs(scores):
            e = onp.exp(scores - onp.max(scores))
            return e / onp.sum(e, axis=None)  # expect: N306
        P = probs(onp.zeros((5, 3)))
        """,
        id="explicit-axis-none-in-helper",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(50, 4)
        W = np.random.randn(4, 3)
        Z = X @ W
        Z = Z - Z.max(axis=1, keepdims=True)
        P = np.divide(np.exp(Z), np.exp(Z).sum())  # expect: N306
        """,
        id="np-divide-scores-from-data",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        N, C = 20, 4
        scores = np.random.randn(N, C)
        y = np.random.randint(C, size=N)
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        probs = e / e.sum(axis=1, keepdims=True)
        nll = -np.log(probs[np.arange(N), y])
        scores_t = np.random.randn(C, N)
        f = np.exp(scores_t - scores_t.max(axis=0))
        probs_t = f / f.sum(axis=0)
        nll_t = -np.log(probs_t[y, range(N)])
        """,
        id="labels-index-the-samples-on-the-other-axis-both-layouts",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 8
        logits = np.random.randn(n, n)
        labels = np.arange(n)
        e_r = np.exp(logits - logits.max(axis=1, keepdims=True))
        e_c = np.exp(logits - logits.max(axis=0, keepdims=True))
        p_rows = e_r / e_r.sum(axis=1, keepdims=True)
        p_cols = e_c / e_c.sum(axis=0, keepdims=True)
        loss = -(np.log(p_rows[np.arange(n), labels]) + np.log(p_cols[np.arange(n), labels])).mean() / 2
        """,
        id="contrastive-both-axes-matched-pairs",
    ),
    pytest.param(
        """\
        import numpy as np
        S = np.random.randn(32, 10)
        E = np.exp(S - S.max(axis=1, keepdims=True))
        P = E / E.sum(axis=1, keepdims=True)
        """,
        id="rows",
    ),
    pytest.param(
        """\
        import numpy as np
        S = np.random.randn(10, 32)
        E = np.exp(S - S.max(axis=0))
        P = E / E.sum(axis=0)
        """,
        id="course-layout-columns",
    ),
    pytest.param(
        """\
        import numpy as np
        v = np.random.randn(10)
        p = np.exp(v - v.max()) / np.exp(v - v.max()).sum()
        """,
        id="one-sample-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        def softmax(x):
            e = np.exp(x - np.max(x))
            return e / e.sum()
        """,
        id="rank-unknown",
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
        ("code", "import numpy as np\nlogits = np.random.randn(8, 5)\nlogits -= logits.max(axis=1, keepdims=True)"),
        ("markdown", "Probabilities"),
        ("code", "e = np.exp(logits)\nprobs = e / np.sum(e)  # expect: N306"),
    ])
