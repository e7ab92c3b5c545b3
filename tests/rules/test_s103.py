"""S103 annotation-mismatch: an inferred shape contradicts a declared one."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((100, 3))  # shape: (3, 100)  # expect: S103
        """,
        id="trailing-comment-against-constructor",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def predict(X: Float[np.ndarray, "n d"], w: Float[np.ndarray, "d"]) -> Float[np.ndarray, "n"]:
            return X.T @ X @ w  # expect: S103
        """,
        id="jaxtyping-return",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def predict(X: Float[np.ndarray, "n d"], w: Float[np.ndarray, "d"]):
            return X @ w

        X = np.zeros((10, 3))
        predict(X, np.zeros(10))  # expect: S103
        """,
        id="jaxtyping-argument",
    ),
    pytest.param(
        '''\
        import numpy as np

        def loss(X, y, w):
            """Squared error.

            Parameters
            ----------
            X : ndarray of shape (n_samples, n_features)
            y : ndarray of shape (n_samples,)
            w : ndarray of shape (n_features,)
            """
            return np.sum((X @ w - y) ** 2)

        X = np.zeros((10, 3))
        y = np.zeros(10)
        loss(X, y, np.zeros((3, 1)))  # expect: S103
        ''',
        id="numpydoc-argument",
    ),
    pytest.param(
        """\
        import numpy as np
        # shapes: X (n, d), w (d,)
        n, d = 20, 5
        X = np.zeros((n, d))
        w = np.zeros(n)  # expect: S103
        """,
        id="shapes-line-then-assignment",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float
        n, d = 20, 5
        w: Float[np.ndarray, "d"] = np.zeros(n)  # expect: S103
        """,
        id="annotated-variable",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 20, 5
        X = np.zeros((n, d))
        assert X.shape == (d, n)  # expect: S103
        """,
        id="assert-provably-false",
    ),
    pytest.param(
        '''\
        import numpy as np

        def affine_forward(x, w, b):
            """
            Inputs:
            - x: A numpy array of shape (N, D)
            - w: A numpy array of weights, of shape (D, M)
            - b: A numpy array of biases, of shape (M,)

            Returns:
            - out: output, of shape (N, M)
            """
            out = x @ w + b
            return out.T  # expect: S103
        ''',
        id="cs231n-docstring-return",
    ),
    pytest.param(
        '''\
        import numpy as np

        def gram(X):
            """
            Parameters
            ----------
            X : ndarray of shape (n, d)

            Returns
            -------
            G : ndarray of shape (n, n)
            """
            return X.T @ X  # expect: S103
        ''',
        id="numpydoc-return",
    ),
    pytest.param(
        '''\
        import numpy as np

        def forward(X, W1):
            """
            Arguments:
            X -- input data, of shape (n_x, m)
            W1 -- weight matrix of shape (n_h, n_x)
            """
            return np.dot(W1, X)

        forward(np.zeros((4, 10)), np.zeros((5, 3)))  # expect: S103
        ''',
        id="deeplearning-ai-argument",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.zeros(5)
        assert x.ndim == 2  # expect: S103
        """,
        id="assert-ndim-provably-false",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((5, 3))
        assert X.shape[1] == 4  # expect: S103
        """,
        id="assert-shape-index-provably-false",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np

        def f(X, y, flag):
            \"\"\"X: (n, d), y: (n,)\"\"\"
            assert X.ndim == 2
            assert X.shape[0] == len(y)
            assert y.shape[0] == X.shape[0]
            z = np.zeros(5)
            if flag:
                z = z.reshape(1, 5)
            assert z.ndim == 2  # may fail, but only on one path: not proven
            return X
        """,
        id="true-or-unproven-ndim-and-dim-asserts",
    ),
    pytest.param(
        """\
        import numpy as np
        w = np.zeros(3)
        if w.ndim == 1:
            w = w[:, None]
        assert w.ndim == 2 and w.shape[1] == 1
        A = np.zeros((4, 3))
        assert A.shape[-1] == 3 and A.ndim == 2
        """,
        id="ndim-and-dim-asserts-that-hold",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 20, 5
        X = np.zeros((n, d))  # shape: (n, d)
        w = np.zeros(d)  # shape: (d,)
        y = X @ w  # shape: (n,)
        """,
        id="agreeing-comments",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((5, 3))  # shape: (n, d)
        w = np.zeros(3)  # shape: (d,)
        """,
        id="comment-binds-symbols-to-sizes",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def predict(X: Float[np.ndarray, "n d"], w: Float[np.ndarray, "d"]) -> Float[np.ndarray, "n"]:
            return X @ w

        predict(np.zeros((5, 2)), np.zeros(2))
        predict(np.zeros((7, 9)), np.zeros(9))
        """,
        id="jaxtyping-symbols-fresh-per-call",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def softmax(z: Float[np.ndarray, "*batch k"]) -> Float[np.ndarray, "*batch k"]:
            e = np.exp(z - z.max(axis=-1, keepdims=True))
            return e / e.sum(axis=-1, keepdims=True)

        softmax(np.zeros(4))
        softmax(np.zeros((8, 4)))
        """,
        id="variadic-batch",
    ),
    pytest.param(
        """\
        import numpy as np
        X = load()  # shape: (n, d)
        Y = load()  # shape: (_, d)
        """,
        id="unknown-values-take-the-declaration",
    ),
    pytest.param(
        """\
        import numpy as np
        n = d = 4
        X = np.zeros((n, d))  # shape: (d, n)
        """,
        id="n-equals-d-known",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reports(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_silent(code: str) -> None:
    assert_expected(code)


def test_message_names_declared_and_inferred_shapes() -> None:
    report = assert_expected(
        """\
        import numpy as np
        n, d = 20, 5
        w = np.zeros(n)  # shape: (d,)  # expect: S103
        """
    )
    f = only(report, "S103")
    assert "(20,)" in f.message and "(5,)" in f.message


def test_markdown_shapes_are_hints_not_declarations() -> None:
    # prose often describes one sample while the code holds a batch (engine design):
    # a markdown shape fills in unknown values and is not checked against known ones
    assert_expected_cells(
        [
            ("markdown", r"Let $x \in \mathbb{R}^{d}$ be one sample."),
            ("code", "import numpy as np\nd = 3\nx = np.zeros((10, d))\n"),
        ]
    )


def test_markdown_shape_reaches_a_later_assert() -> None:
    assert_expected_cells(
        [
            ("markdown", r"Data $X \in \mathbb{R}^{n \times d}$ with $n = 10$, $d = 3$."),
            ("code", "import numpy as np\nX = load()\n"),
            (
                "code",
                "n, d = 10, 3\nassert X.shape == (n, d)\nassert X.shape == (d, n)  # expect: S103\n",
            ),
        ]
    )


def test_assert_message_names_the_array() -> None:
    report = assert_expected(
        """\
        import numpy as np
        n, d = 20, 5
        X = np.zeros((n, d))
        assert X.shape == (d, n)  # expect: S103
        """
    )
    f = only(report, "S103")
    assert "X is (20, 5) from line 3" in f.message
    assert [r.span.line for r in f.related] == [3]
    assert all(not r.message.startswith("assert") for r in f.related)


def test_assert_between_two_arrays_reported_once() -> None:
    # both sides narrowed to the other give two problems at one span: one finding per rule and place
    report = assert_expected(
        """\
        import numpy as np
        X = np.zeros((5, 3))
        x = np.zeros(5)
        assert X.shape == x.shape  # expect: S103
        """
    )
    assert len([f for f in report.findings if f.code == "S103"]) == 1
