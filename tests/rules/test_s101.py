"""S101 shape-mismatch: products, broadcasts and joins whose shapes cannot combine."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((100, 3))
        w = np.zeros(100)
        y = X @ w  # expect: S101
        """,
        id="matmul-operator-literal-constructors",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        X = np.random.randn(n, d)
        w = np.random.randn(n)
        y = np.dot(X, w)  # expect: S101
        """,
        id="np-dot-tuple-bound-sizes",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(50, 4)
        n, d = X.shape
        w = np.zeros(n)
        y = X.dot(w)  # expect: S101
        """,
        id="method-dot-sizes-from-X-shape",
    ),
    pytest.param(
        """\
        import numpy as np
        X = load()
        n, d = X.shape
        Xb = np.hstack([np.ones((n, 1)), X])
        w = np.zeros(d)
        y = Xb @ w  # expect: S101
        """,
        id="bias-column-forgotten-in-w-sizes-from-X-shape",
    ),
    pytest.param(
        """\
        import numpy as np

        def fit(X, y):
            n, d = X.shape
            w = np.zeros((d, 1))
            Xb = np.c_[np.ones(n), X]
            return Xb.dot(w)  # expect: S101
        """,
        id="c-bias-column-sizes-from-parameter-shape",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def predict(X: Float[np.ndarray, "n d"], r: Float[np.ndarray, "n"]):
            return np.matmul(X, r)  # expect: S101
        """,
        id="np-matmul-jaxtyping-parameters",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 50, 4
        A = np.eye(d)
        b = np.ones(n)
        x = np.linalg.solve(A, b)  # expect: S101
        """,
        id="linalg-solve-rhs-length",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(20, 3)
        y = np.random.randn(3)
        w, *_ = np.linalg.lstsq(X, y, rcond=None)  # expect: S101
        """,
        id="linalg-lstsq-rows-disagree",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.ones((6, 2))
        w = np.ones(6)
        y = np.einsum('ij,j->i', X, w)  # expect: S101
        """,
        id="einsum-index-sizes-disagree",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 10, 3
        X = np.zeros((n, d))
        Xb = np.hstack([X, np.ones((d, 1))])  # expect: S101
        """,
        id="hstack-rows-disagree",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 10, 3
        A = np.zeros((n, d))
        row = np.zeros(d + 1)
        A = np.vstack([A, row])  # expect: S101
        """,
        id="vstack-columns-disagree",
    ),
    pytest.param(
        """\
        import numpy as np
        a = np.zeros((4, 3))
        b = np.zeros((4, 5))
        c = np.concatenate([a, b], axis=0)  # expect: S101
        """,
        id="concatenate-axis0-columns-disagree",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        X = np.random.randn(n, d)
        mu = np.random.randn(n)
        Z = X - mu  # expect: S101
        """,
        id="broadcast-n-d-minus-n",
    ),
    pytest.param(
        """\
        import numpy as np
        X = load()  # shape: (n, d)
        w = load()  # shape: (n,)
        y = X @ w  # expect: S101
        """,
        id="trailing-shape-comments",
    ),
    pytest.param(
        """\
        import numpy as np
        # shapes: X (n, d), y (n,), w (d,)
        X = load()
        y = load()
        g = X @ y  # expect: S101
        """,
        id="shapes-declaration-line",
    ),
    pytest.param(
        '''\
        import numpy as np

        def gradient(X, r):
            """Gradient of the squared error.

            Parameters
            ----------
            X : ndarray of shape (n_samples, n_features)
            r : ndarray of shape (n_samples,)
            """
            return X @ r  # expect: S101
        ''',
        id="numpydoc-docstring",
    ),
    pytest.param(
        '''\
        import numpy as np

        def affine_forward(x, w, b):
            """
            Inputs:
            - x: A numpy array of shape (N, D) containing input data
            - w: A numpy array of weights, of shape (M, D)
            - b: A numpy array of biases, of shape (M,)
            """
            return x.dot(w) + b  # expect: S101
        ''',
        id="cs231n-docstring",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        X = load()
        assert X.shape == (n, d)
        r = load()
        assert r.shape == (n,)
        g = X @ r  # expect: S101
        """,
        id="assert-shape-narrows",
    ),
    pytest.param(
        """\
        import numpy as np

        def fit(X, y):
            n, d = X.shape
            assert y.shape == (n + 1,)
            return X.T @ y  # expect: S101
        """,
        id="assert-shape-with-symbols-from-X-shape",
    ),
    pytest.param(
        """\
        import numpy as np

        def predict(X, w):
            return X @ w  # expect: S101

        X = np.zeros((8, 2))
        predict(X, np.zeros(8))
        """,
        id="user-function-concrete-call",
    ),
    pytest.param(
        """\
        import numpy as np

        class MLP:
            def __init__(self, d, h):
                self.W1 = np.random.randn(d, h)

            def forward(self, X):
                return X @ self.W1  # expect: S101

        net = MLP(4, 16)
        net.forward(np.zeros((32, 16)))
        """,
        id="class-attribute-from-init",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        X = np.random.randn(n, d)
        r = np.random.randn(n)
        g = X @ r / n + np.zeros(d)  # expect: S101
        """,
        id="inside-larger-expression",
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
            Z1 = np.dot(W1.T, X)  # expect: S101
            return Z1
        ''',
        id="deeplearning-ai-docstring",
    ),
    pytest.param(
        '''\
        import numpy as np

        def compute_cost(X, y, w):
            """
            Args:
              X (ndarray (m,n)): Data, m examples with n features
              y (ndarray (m,)) : target values
              w (ndarray (n,)) : model parameters
            """
            f = X @ y  # expect: S101
            return f
        ''',
        id="coursera-docstring",
    ),
    pytest.param(
        '''\
        import numpy as np

        def predict(X, w):
            """Predict.

            Args:
                X (np.ndarray): shape (n, d)
                w (np.ndarray): shape (n,)
            """
            return X @ w  # expect: S101
        ''',
        id="google-docstring",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 10, 3
        w = np.zeros(d)
        X = np.zeros((n, d))
        s = w @ X  # expect: S101
        """,
        id="vector-on-the-left",
    ),
    pytest.param(
        """\
        import numpy as np
        T = np.zeros((6, 10, 3))
        W = np.zeros((7, 3, 4))
        out = T @ W  # expect: S101
        """,
        id="batched-matmul-batch-dims",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 10, 3
        X = np.zeros((n, d))
        a = np.stack([X, X.T])  # expect: S101
        b = np.column_stack([X, np.zeros(d)])  # expect: S101
        c = X + np.zeros((d, 1))  # expect: S101
        e = np.einsum('ij,jk->ik', X, X)  # expect: S101
        """,
        id="stack-column-stack-broadcast-einsum",
    ),
    pytest.param(
        """\
        import numpy as np
        k = 3
        b = np.zeros(k)
        db = np.ones((1, k))
        b -= 0.1 * db  # expect: S101
        """,
        id="in-place-update-cannot-grow-target",
    ),
    pytest.param(
        """\
        import numpy as np

        class Layer:
            def __init__(self, d_in, d_out):
                self.W = np.random.randn(d_in, d_out) * 0.01
                self.b = np.zeros(d_out)

        class Dense(Layer):
            def __init__(self, d_in, d_out):
                super().__init__(d_in, d_out)

            def forward(self, X):
                return X @ self.W + self.b  # expect: S101

        out = Dense(4, 6).forward(np.zeros((10, 5)))
        """,
        id="weights-set-by-the-parent-init",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(50, 4)
        grads = np.zeros(4)
        for i in range(50):
            grads += X  # expect: S101
        total = np.zeros(())
        total += X[0]  # expect: S101
        """,
        id="accumulator-smaller-than-what-it-adds",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(50, 4)
        H = np.zeros((4, 4))
        g = np.zeros(4)
        col = np.zeros((50, 1))
        for x in X:
            H += np.outer(x, x)
            g += x
        col *= 2.0
        col += X[:, :1]
        g -= np.ones((1, 4))[0]
        X /= X.std(axis=0)
        """,
        id="in-place-updates-that-keep-their-target",
    ),
    # ``n, d = X.shape`` names X's sizes but does not prove n != d (X may be square):
    # only arithmetic (d + 1 against d) or numbers prove a mismatch
    pytest.param(
        """\
        import numpy as np
        X = load()
        n, d = X.shape
        w = np.zeros(n)
        y = X.dot(w)
        """,
        id="unpacked-sizes-may-be-equal",
    ),
    pytest.param(
        """\
        import numpy as np

        def step(H, g):
            n, m = H.shape
            assert g.shape == (n,)
            return H @ g
        """,
        id="unpacked-sizes-of-a-square-matrix",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 5
        y = np.zeros(n)
        p = np.ones(n)
        r = y - p
        """,
        id="vector-minus-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        X = np.random.randn(n, d)
        K = X @ X.T
        C = X.T @ X
        G = np.dot(X.T, X)
        """,
        id="gram-matrices",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 100, 3
        X = np.random.randn(n, d)
        y = np.random.randn(n)
        w = np.linalg.solve(X.T @ X, X.T @ y)
        w2, *_ = np.linalg.lstsq(X, y, rcond=None)
        p = np.einsum('ij,j->i', X, w)
        Xb = np.hstack([X, np.ones((n, 1))])
        """,
        id="correct-ols",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 10, 4
        h = np.zeros((n, d))
        for _ in range(3):
            h = h[:, :-1]
        out = h @ np.ones(d)
        """,
        id="shape-shrinks-in-loop",
    ),
    pytest.param(
        """\
        import numpy as np
        d = 3
        A = np.zeros((0, d))
        for i in range(10):
            row = np.random.randn(d)
            A = np.vstack([A, row])
        s = A @ np.ones(d)
        """,
        id="vstack-grows-in-loop",
    ),
    pytest.param(
        """\
        import numpy as np
        n = d = 3
        X = np.zeros((n, d))
        w = np.zeros(n)
        y = X @ w
        Z = X - w
        """,
        id="n-equals-d-known",
    ),
    pytest.param(
        """\
        import numpy as np
        X = load()
        w = np.zeros(5)
        y = X @ w
        z = X - w
        """,
        id="unknown-shapes",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(8, 4)
        s = z - z.max(axis=1, keepdims=True)
        c = z - z.mean(axis=0)
        """,
        id="stable-softmax-shift-and-centering",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.arange(5)
        y = np.arange(7)
        D = x[:, None] - y[None, :]
        """,
        id="explicit-outer-difference",
    ),
    pytest.param(
        """\
        import numpy as np
        n = 6
        y = np.arange(n).reshape(-1, 1)
        e = y - np.zeros((n, 1))
        """,
        id="reshaped-column-against-column",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def predict(X: Float[np.ndarray, "n d"], w: Float[np.ndarray, "d"]):
            return X @ w

        predict(np.zeros((5, 2)), np.zeros(2))
        predict(np.zeros((7, 9)), np.zeros(9))
        """,
        id="symbols-fresh-per-call",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d, k, b = 10, 3, 4, 6
        X = np.zeros((n, d))
        y = np.zeros(n)
        W = np.zeros((d, k))
        T = np.zeros((b, n, d))
        a = np.dot(y, X) + X.T.dot(y)
        c = np.linalg.solve(X.T @ X, np.zeros((d, k)))
        e = np.vstack([y, y]) + np.hstack([y, y]).sum()
        f = np.concatenate([X, y[:, None]], axis=1) @ np.zeros(d + 1)
        g = np.column_stack([X, y])
        h = np.einsum('...ij,jk->...ik', T, W) + T @ W
        i = X + np.zeros(d) + np.zeros((1, d)) + np.zeros((n, 1))
        j = np.linalg.lstsq(X, np.zeros((n, k)), rcond=None)[0]
        """,
        id="valid-spellings",
    ),
    pytest.param(
        """\
        import numpy as np
        n, d = 10, 3
        X = np.zeros((n, d))
        if n > 3:
            X = np.hstack([X, np.ones((n, 1))])
            w = np.zeros(d + 1)
        else:
            w = np.zeros(d)
        y = X @ w
        Z = np.zeros((n, d))
        if np.random.rand() > 0.5:  # undecidable: both paths are joined
            Z = Z.T
        v = Z @ np.zeros(d)
        """,
        id="branches-that-change-shapes-together",
    ),
    pytest.param(
        """\
        import numpy as np
        N, D, H, C = 200, 5, 50, 3
        X = np.random.randn(N, D)
        y = np.random.randint(C, size=N)
        W1 = 0.01 * np.random.randn(D, H)
        b1 = np.zeros((1, H))
        W2 = 0.01 * np.random.randn(H, C)
        b2 = np.zeros((1, C))
        for it in range(100):
            idx = np.random.choice(N, 32)
            Xb, yb = X[idx], y[idx]
            hidden = np.maximum(0, Xb.dot(W1) + b1)
            scores = hidden.dot(W2) + b2
            scores -= np.max(scores, axis=1, keepdims=True)
            probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
            dscores = probs.copy()
            dscores[range(len(yb)), yb] -= 1
            dW2 = hidden.T.dot(dscores)
            db2 = np.sum(dscores, axis=0, keepdims=True)
            dhidden = dscores.dot(W2.T)
            dhidden[hidden <= 0] = 0
            dW1 = Xb.T.dot(dhidden)
            W1 += -1e-2 * dW1
            W2 += -1e-2 * dW2
            b2 += -1e-2 * db2
        Y = np.eye(C)[y]
        G = np.zeros((N, C)) - Y
        """,
        id="cs231n-two-layer-net",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros((2, 2))

        def reset():
            global X
            X = np.zeros((5, 3))

        reset()
        y = X @ np.zeros(3)
        """,
        id="global-rebound-by-a-call",
    ),
    pytest.param(
        """\
        import numpy as np
        params = {"W": np.zeros((2, 2))}

        def init(p):
            p["W"] = np.zeros((5, 3))

        init(params)
        y = params["W"] @ np.zeros(3)
        """,
        id="dict-filled-by-a-call",
    ),
    pytest.param(
        """\
        import numpy as np
        params = {"W": np.zeros((2, 2))}
        p = params
        p["W"] = np.zeros((5, 3))
        y = params["W"] @ np.zeros(3)
        """,
        id="dict-written-through-an-alias",
    ),
    pytest.param(
        """\
        import numpy as np
        layers = [np.zeros((2, 2))]

        def widen(ls):
            ls[0] = np.zeros((5, 3))

        widen(layers)
        y = layers[0] @ np.zeros(3)
        """,
        id="list-item-written-by-a-call",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.zeros(6)
        X.shape = (3, 2)
        y = X @ np.zeros(2)
        """,
        id="shape-attribute-assignment",
    ),
    pytest.param(
        """\
        import numpy as np
        Z = np.zeros(6)
        Z.resize((3, 2))
        z = Z @ np.zeros(2)
        """,
        id="resize-in-place",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reports(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_silent(code: str) -> None:
    assert_expected(code)


def test_message_names_both_shapes_and_origins() -> None:
    report = assert_expected(
        """\
        import numpy as np
        n, d = 100, 3
        X = np.random.randn(n, d)
        w = np.zeros(n)

        y = X @ w  # expect: S101
        """
    )
    f = only(report, "S101")
    assert "(100, 3)" in f.message and "(100,)" in f.message
    assert "from line 3" in f.message and "from line 4" in f.message
    assert f.name == "shape-mismatch" and f.severity == "error"
    assert sorted(r.span.line for r in f.related) == [3, 4]


def test_message_symbolic_shapes() -> None:
    report = assert_expected(
        """\
        import numpy as np
        X = load()  # shape: (n, d)
        r = load()  # shape: (n,)
        g = X @ r  # expect: S101
        """
    )
    f = only(report, "S101")
    assert "(n, d)" in f.message and "(n,)" in f.message
    assert "from line 2" in f.message and "from line 3" in f.message


def test_concat_related_points_at_each_part() -> None:
    report = assert_expected(
        """\
        import numpy as np
        X = np.zeros((10, 3))
        ones = np.ones((3, 1))
        Xb = np.hstack([X, ones])  # expect: S101
        """
    )
    f = only(report, "S101")
    assert "(10, 3)" in f.message and "(3, 1)" in f.message
    assert sorted(r.span.line for r in f.related) == [2, 3]


def test_notebook_message_names_cells() -> None:
    report = assert_expected_cells(
        [
            ("code", "import numpy as np\nn, d = 100, 3\n"),
            ("markdown", "## Data"),
            ("code", "X = np.random.randn(n, d)\nw = np.zeros(n)\n"),
            ("markdown", "## Predict"),
            ("code", "y = X @ w  # expect: S101\n"),
        ]
    )
    f = only(report, "S101")
    assert "cell 3, line 1" in f.message and "cell 3, line 2" in f.message
    cells = sorted(report.program.locate(r.span.line, r.span.col)[:2] for r in f.related)
    assert cells == [(3, 1), (3, 2)]


def test_vstack_message_gives_operands_own_shapes() -> None:
    report = assert_expected(
        """\
        import numpy as np
        w = np.zeros(3)
        v = np.zeros(4)
        A = np.vstack([w, v])  # expect: S101
        """
    )
    f = only(report, "S101")
    assert "w is (3,) from line 2" in f.message and "v is (4,) from line 3" in f.message


def test_notebook_with_ipython_magics_keeps_lines() -> None:
    assert_expected_cells(
        [
            (
                "code",
                "%matplotlib inline\nimport numpy as np\n!pip install foo\nX = np.zeros((10, 3))\n",
            ),
            ("markdown", "# Fit"),
            ("code", "%%time\nw = np.zeros(10)\ny = X @ w  # expect: S101\n"),
            ("code", "%timeit X @ np.zeros(3)\nq = X @ w  # expect: S101\n"),
        ]
    )
