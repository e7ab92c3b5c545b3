"""S107 bad-shape-annotation: annotations that do not parse; the file is still checked."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, only

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        X = load()  # shape: (n, d  # expect: S107
        n, d = 10, 3
        A = np.zeros((n, d))
        y = A @ np.zeros(n)  # expect: S101
        """,
        id="unclosed-trailing-comment",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def f(X: Float[np.ndarray, "n $ d"]):  # expect: S107
            return X

        A = np.zeros((4, 3))
        y = A @ np.zeros(4)  # expect: S101
        """,
        id="jaxtyping-bad-character",
    ),
    pytest.param(
        '''\
        import numpy as np

        def predict(X, w):
            """Predict.  # expect: S107

            Parameters
            ----------
            X : ndarray of shape (n, d
            w : ndarray of shape (d,)
            """
            return X @ w

        A = np.zeros((4, 3))
        y = A @ np.zeros(4)  # expect: S101
        ''',
        id="docstring-unclosed-shape",
    ),
    pytest.param(
        """\
        import numpy as np
        # shapes: X (n, d), y ((n,)  # expect: S107
        A = np.zeros((4, 3))
        y = A @ np.zeros(4)  # expect: S101
        """,
        id="shapes-line-unbalanced",
    ),
    pytest.param(
        """\
        import numpy as np
        w = load()  # shape: (d, %)  # expect: S107
        A = np.zeros((4, 3))
        A - np.zeros(4)  # expect: S101
        """,
        id="trailing-comment-bad-dim",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float
        b = load()  # shape: (n, 1.5)  # expect: S107
        c = load()  # shape: (n, -d)  # expect: S107
        e = load()  # shape:  # expect: S107
        # shapes: 3X (n,)  # expect: S107

        def k(x: Float[np.ndarray, "n*"]):  # expect: S107
            return x

        def m(x: Float[np.ndarray, "... ..."]):  # expect: S107
            return x
        """,
        id="bad-dims-of-every-form",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float
        # shapes: X (n, d), y (n,), w (d,)
        X = load()  # shape: (n, d)
        b = load()  # shape: (n+1, 2*d)
        s = load()  # shape: ()

        def f(X: Float[np.ndarray, "n d"], z: Float[np.ndarray, "*batch k"], v: Float[np.ndarray, "_ d"]):
            return X
        """,
        id="valid-forms",
    ),
    pytest.param(
        """\
        import numpy as np
        text = "# shape: (n, d"
        note = '# shapes: X (('
        """,
        id="comment-text-inside-strings",
    ),
    pytest.param(
        """\
        import numpy as np
        # shape of the data matrix (n, d
        X = load()  # the shape (n, d is explained below
        """,
        id="prose-comments-without-colon-marker",
    ),
    pytest.param(
        '''\
        import numpy as np

        def f(x):
            """Apply the map (see the notes (below) for why.

            Notes
            -----
            Shapes are explained in the README (section 2.
            """
            return x
        ''',
        id="prose-docstring-outside-sections",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reports(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_silent(code: str) -> None:
    assert_expected(code)


def test_message_quotes_the_annotation() -> None:
    report = assert_expected(
        """\
        import numpy as np
        X = load()  # shape: (n, d  # expect: S107
        """
    )
    f = only(report, "S107")
    assert "(n, d" in f.message and f.severity == "warning"


def test_bad_annotation_is_ignored_not_half_applied() -> None:
    # the broken declaration must not give X a shape: X stays unknown, so no S101
    assert_expected(
        """\
        import numpy as np
        X = load()  # shape: (n, d  # expect: S107
        y = X @ np.zeros(7)
        """
    )
