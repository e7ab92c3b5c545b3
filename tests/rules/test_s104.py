"""S104 reshape-size-mismatch: a reshape target whose size cannot equal the source's."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, only

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        X = load()  # shape: (n, d)
        n, d = X.shape
        Xb = X.reshape(n, d + 1)  # expect: S104
        """,
        id="symbolic-bias-column-reshaped-in",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        X = np.random.randn(n, d)
        Y = np.reshape(X, (d, d))  # expect: S104
        """,
        id="np-reshape-function-form",
    ),
    pytest.param(
        """\
        import numpy as np
        a = np.arange(12).reshape(4, 3)
        b = a.reshape((5, 2))  # expect: S104
        """,
        id="literal-sizes-tuple-argument",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.zeros(12)
        y = x.reshape(5, -1)  # expect: S104
        """,
        id="minus-one-cannot-divide",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def flatten(X: Float[np.ndarray, "n d"]):
            n, d = X.shape
            return X.reshape(n * d + 1)  # expect: S104
        """,
        id="jaxtyping-flatten-off-by-one",
    ),
    pytest.param(
        '''\
        import numpy as np

        def images_to_rows(x):
            """
            Inputs:
            - x: A numpy array of shape (N, H, W)
            """
            N, H, W = x.shape
            return x.reshape(N, H * H)  # expect: S104
        ''',
        id="cs231n-docstring-3d",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        X = load()  # shape: (n, d)
        n, d = X.shape
        T = X.reshape(d, n)
        F = X.reshape(-1)
        G = X.reshape((-1,))
        H = X.reshape(n * d)
        """,
        id="same-size-targets",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 8
        y = np.arange(n)
        c = y.reshape(-1, 1)
        r = y.reshape(1, -1)
        e = c - np.zeros((n, 1))
        """,
        id="vector-to-column-and-row",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((6, 4))
        Z = X.reshape(3, 2, 4)
        W = X.reshape(2, -1)
        """,
        id="literal-same-size",
    ),
    pytest.param(
        """\
        import numpy as np
        X = load()
        Z = X.reshape(5, 7)
        """,
        id="unknown-source",
    ),
    pytest.param(
        """\
        import numpy as np
        n = d = 3
        X = np.zeros((n, d))
        v = X.reshape(d * d)
        """,
        id="n-equals-d-known",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 6, 4
        x = np.zeros((n, d))
        for _ in range(3):
            x = x.reshape(-1)
        y = x.reshape(n, d)
        """,
        id="flatten-in-loop-then-back",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reports(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_silent(code: str) -> None:
    assert_expected(code)


def test_message_names_both_sizes() -> None:
    report = assert_expected(
        """\
        import numpy as np
        X = np.zeros((4, 3))
        Y = X.reshape(5, 3)  # expect: S104
        """
    )
    f = only(report, "S104")
    assert "(4, 3)" in f.message and "(5, 3)" in f.message
    assert [r.span.line for r in f.related] == [2]
