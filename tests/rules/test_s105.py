"""S105 axis-out-of-range: an axis the array does not have."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(10, 3)
        s = X.sum(axis=2)  # expect: S105
        """,
        id="method-sum-axis-2-on-matrix",
    ),
    pytest.param(
        """\
        import numpy as np
        k = 5
        z = np.random.randn(k)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)  # expect: S105
        """,
        id="softmax-axis-1-on-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        X = load()  # shape: (n, d)
        m = np.max(X, axis=-3)  # expect: S105
        """,
        id="function-form-negative-axis",
    ),
    pytest.param(
        """\
        import numpy as np
        a = np.zeros(4)
        b = np.zeros(4)
        c = np.concatenate([a, b], axis=1)  # expect: S105
        """,
        id="concatenate-axis-1-of-vectors",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.zeros(4)
        e = np.expand_dims(x, 3)  # expect: S105
        """,
        id="expand-dims-beyond-result",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((4, 3))
        T = np.transpose(X, (0, 2))  # expect: S105
        """,
        id="transpose-axes",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def center(x: Float[np.ndarray, "n"]):
            return x - x.mean(axis=1)  # expect: S105
        """,
        id="jaxtyping-vector-axis-1",
    ),
    pytest.param(
        '''\
        import numpy as np

        def normalise(x):
            """
            Parameters
            ----------
            x : ndarray of shape (n, k)
            """
            return x / np.linalg.norm(x, axis=2)  # expect: S105
        ''',
        id="numpydoc-norm-axis",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((10, 3))
        a = X.sum(2)  # expect: S105
        b = X.max(2)  # expect: S105
        c = np.mean(X, -3)  # expect: S105
        """,
        id="positional-axis",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((10, 3))
        a = X.transpose(1, 2)  # expect: S105
        b = np.swapaxes(X, 0, 2)  # expect: S105
        c = np.squeeze(X, axis=2)  # expect: S105
        e = np.expand_dims(X, axis=(0, 4))  # expect: S105
        """,
        id="transpose-swapaxes-squeeze-expand-dims",
    ),
    pytest.param(
        """\
        import numpy as np
        T = np.zeros((6, 10, 3))
        m = T.max(axis=3)  # expect: S105
        """,
        id="three-d",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(10, 3)
        a = X.sum(axis=-1)
        b = X.sum(axis=1)
        c = X.mean(axis=(0, 1))
        d = X.max(axis=-2)
        """,
        id="valid-axes-on-matrix",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.zeros(4)
        s = x.sum(axis=0)
        t = x.sum(axis=-1)
        """,
        id="valid-axes-on-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        a = np.zeros((4, 3))
        b = np.zeros((4, 3))
        s = np.stack([a, b], axis=2)
        e = np.expand_dims(a, 2)
        f = np.expand_dims(a, -3)
        """,
        id="stack-and-expand-dims-count-the-new-axis",
    ),
    pytest.param(
        """\
        import numpy as np
        X = load()
        s = X.sum(axis=5)
        """,
        id="unknown-rank",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def softmax(z: Float[np.ndarray, "*batch k"]):
            e = np.exp(z - z.max(axis=-1, keepdims=True))
            return e / e.sum(axis=-1, keepdims=True)
        """,
        id="variadic-batch-last-axis",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.zeros(4)
        for _ in range(2):
            x = x[:, None]
        s = x.sum(axis=1)
        """,
        id="rank-grows-in-loop",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((10, 3))
        a = X.sum(1) + np.sum(X, None)
        b = X.transpose(1, 0)
        c = np.swapaxes(X, 0, -1)
        e = np.expand_dims(X, axis=(0, 3))
        f = np.concatenate([X.ravel(), X.ravel()], axis=None)
        """,
        id="valid-positional-and-tuple-axes",
    ),
    pytest.param(
        """\
        import numpy as np

        def row_sums(a):
            if a.ndim == 1:
                a = a[:, None]
            return a.sum(axis=1)

        row_sums(np.zeros(3))
        row_sums(np.zeros((3, 2)))
        """,
        id="promoted-to-2d-before-use",
    ),
    pytest.param(
        """\
        import numpy as np

        def total(a):
            if len(a.shape) == 1:
                return a.sum()
            return a.sum(axis=1)

        total(np.zeros(3))
        """,
        id="dead-branch-after-rank-test-return",
    ),
    pytest.param(
        """\
        import numpy as np

        def row_max(a):
            if a.ndim == 2:
                return a.max(axis=1)
            return a

        row_max(np.zeros(3))
        """,
        id="guarded-by-ndim-test",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reports(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_silent(code: str) -> None:
    assert_expected(code)


def test_message_names_axis_and_shape() -> None:
    report = assert_expected(
        """\
        import numpy as np
        X = np.zeros((10, 3))

        s = X.sum(axis=2)  # expect: S105
        """
    )
    f = only(report, "S105")
    assert "2" in f.message and "(10, 3)" in f.message and "from line 2" in f.message


def test_across_notebook_cells() -> None:
    report = assert_expected_cells(
        [
            ("code", "import numpy as np\nz = np.zeros(5)\n"),
            ("markdown", "Softmax."),
            ("code", "total = z.sum(axis=1)  # expect: S105\n"),
        ]
    )
    message = only(report, "S105").message
    assert "(5,)" in message and "cell 1, line 2" in message


def test_concatenate_message_names_the_arrays() -> None:
    report = assert_expected(
        """\
        import numpy as np
        w = np.zeros(3)
        c = np.concatenate([w, w], axis=1)  # expect: S105
        """
    )
    f = only(report, "S105")
    assert "(3,)" in f.message and "unknown" not in f.message
    assert [r.span.line for r in f.related] == [2]
