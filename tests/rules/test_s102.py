"""S102 broadcast-outer-product: (n, 1) against (n,) silently builds (n, n)."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        data = np.random.randn(n, d + 1)
        X = data[:, :-1]
        y = data[:, -1:]
        w = np.zeros(d)
        r = y - X @ w  # expect: S102
        """,
        id="classic-residual-column-label",
    ),
    pytest.param(
        """\
        import numpy as np
        y = np.random.randn(40, 1)
        y_pred = np.random.randn(40, 1)
        r = y - y_pred.T  # expect: S102
        """,
        id="column-minus-another-columns-transpose",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 50
        y = np.zeros((n, 1))
        p = np.ones(n)
        r = np.subtract(y, p)  # expect: S102
        """,
        id="np-subtract-function-form",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 8
        row = np.ones((1, n))
        col = np.ones((n, 1))
        s = row * col  # expect: S102
        """,
        id="row-times-column",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def residual(y: Float[np.ndarray, "n 1"], p: Float[np.ndarray, "n"]):
            return y - p  # expect: S102
        """,
        id="jaxtyping-parameters",
    ),
    pytest.param(
        """\
        import numpy as np
        y = load()  # shape: (n, 1)
        p = load()  # shape: (n,)
        loss = np.mean((p - y) ** 2)  # expect: S102
        """,
        id="shape-comments-inside-loss",
    ),
    pytest.param(
        '''\
        import numpy as np

        def mse(y, X, w):
            """
            Parameters
            ----------
            y : ndarray of shape (n, 1)
            X : ndarray of shape (n, d)
            w : ndarray of shape (d,)
            """
            return ((X @ w - y) ** 2).mean()  # expect: S102
        ''',
        id="numpydoc-docstring",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 20
        y = np.random.randn(n).reshape(n, 1)
        p = np.random.rand(n)
        err = y / p  # expect: S102
        """,
        id="column-made-by-reshape-then-named",
    ),
    pytest.param(
        """\
        import numpy as np
        data = load()  # shape: (n, k)
        X = data[:, :-1]
        y = data[:, -1:]
        w = np.zeros(X.shape[1])
        r = y - X @ w  # expect: S102
        """,
        id="classic-residual-symbolic-data",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        n = 10
        y = np.zeros((n, 1))
        p = np.ones((n, 1))
        r = y - p
        """,
        id="column-minus-column",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.arange(5.0)
        y = np.arange(5.0)
        D = x[:, None] - y[None, :]
        E = x[:, np.newaxis] * y
        """,
        id="explicit-outer-product",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 6
        y = np.arange(n)
        p = np.ones((n, 1))
        r = y.reshape(-1, 1) - p
        """,
        id="reshape-to-column-against-column",
    ),
    pytest.param(
        """\
        import numpy as np
        n, k = 10, 4
        a = np.ones((n, 1))
        b = np.ones(k)
        table = a + b
        """,
        id="different-sizes-genuine-outer",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(30, 4)
        sq = np.sum(X ** 2, axis=1, keepdims=True)
        D = sq + sq.T - 2 * X @ X.T
        K = np.exp(-(sq + sq.T))
        """,
        id="column-plus-its-own-transpose-pairwise-distances",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 7
        y = np.zeros(n)
        p = np.ones(n)
        r = y - p
        """,
        id="vector-minus-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        y = load()
        p = np.ones(5)
        r = y - p
        """,
        id="unknown-label-shape",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        X = np.random.randn(n, d)
        y = np.random.randn(n, 1)
        w = np.zeros((d, 1))
        r = y - X @ w
        """,
        id="column-weights-give-column-predictions",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(8, 4)
        s = z - z.max(axis=1, keepdims=True)
        """,
        id="keepdims-shift",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reports(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_silent(code: str) -> None:
    assert_expected(code)


def test_message_fix_and_related() -> None:
    report = assert_expected(
        """\
        import numpy as np
        n = 30
        y = np.zeros((n, 1))
        p = np.ones(n)
        r = y - p  # expect: S102
        """
    )
    f = only(report, "S102")
    assert "(30, 1)" in f.message and "(30,)" in f.message
    assert "from line 3" in f.message and "from line 4" in f.message
    assert f.severity == "warning"
    assert sorted(r.span.line for r in f.related) == [3, 4]
    assert f.fix is not None and not f.fix.safe
    assert [e.new_text for e in f.fix.edits] == ["y.ravel()"]


def test_across_notebook_cells() -> None:
    report = assert_expected_cells(
        [
            ("code", "import numpy as np\nn = 40\n"),
            ("markdown", "Labels as a column."),
            ("code", "y = np.zeros((n, 1))\np = np.ones(n)\n"),
            ("code", "r = y - p  # expect: S102\n"),
        ]
    )
    assert "cell 3, line 1" in only(report, "S102").message
