"""S106 reduction-broadcast: a non-leading reduction without keepdims broadcast back."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        logits = np.random.randn(8, 4)
        z = logits - logits.max(axis=1)  # expect: S106
        """,
        id="max-shift-rows-differ",
    ),
    pytest.param(
        """\
        import numpy as np
        n = k = 3
        logits = np.random.randn(n, k)
        z = logits - logits.max(axis=1)  # expect: S106
        """,
        id="square-batch-silently-wrong",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(8, 4)
        p = np.exp(z) / np.sum(np.exp(z), axis=1)  # expect: S106
        """,
        id="function-form-sum",
    ),
    pytest.param(
        """\
        import numpy as np
        e = np.random.rand(6, 6)
        p = e / e.sum(axis=-1)  # expect: S106
        """,
        id="axis-minus-one-on-matrix",
    ),
    pytest.param(
        """\
        import numpy as np
        from jaxtyping import Float

        def softmax(x: Float[np.ndarray, "n k"]):
            e = np.exp(x - x.max(axis=1))  # expect: S106
            return e / e.sum(axis=1, keepdims=True)
        """,
        id="jaxtyping-symbolic",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(5, 3)
        U = X / np.linalg.norm(X, axis=1)  # expect: S106
        """,
        id="row-norm",
    ),
    pytest.param(
        """\
        import numpy as np
        X = load()  # shape: (n, d)
        Z = X - np.mean(X, axis=1)  # expect: S106
        """,
        id="shape-comment-row-mean",
    ),
    pytest.param(
        """\
        import numpy as np
        T = np.zeros((6, 10, 3))
        a = T - T.max(axis=2)  # expect: S106
        b = T - T.max(axis=1)  # expect: S106
        """,
        id="three-d-inner-axes",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.zeros((10, 3))
        r = A - A.max(1)  # expect: S106
        """,
        id="positional-axis",
    ),
    pytest.param(
        """\
        import numpy as np
        from scipy.special import logsumexp
        z = np.random.randn(8, 4)
        log_p = z - logsumexp(z, axis=1)  # expect: S106
        log_q = z - logsumexp(z, axis=1, keepdims=True)
        """,
        id="scipy-logsumexp",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(8, 4)
        s = z - z.max(axis=1, keepdims=True)
        p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
        """,
        id="keepdims",
    ),
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(100, 3)
        Xc = X - X.mean(axis=0)
        Xs = Xc / Xc.std(axis=0)
        """,
        id="centering-leading-axis",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.random.randn(5, 5)
        B = (A.T - A.mean(axis=1)).T
        S = np.random.randn(4, 4)
        P = np.exp(S.T - S.max(axis=1)).T
        """,
        id="transposed-so-the-row-statistic-lines-up",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(8, 4)
        s = z - z.max()
        """,
        id="global-reduction",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(8, 4)
        s = z - z.max(axis=1)[:, None]
        t = z - z.max(axis=1).reshape(-1, 1)
        """,
        id="explicit-expansion",
    ),
    pytest.param(
        """\
        import numpy as np
        v = np.random.randn(8)
        s = v - v.max(axis=0)
        t = v - v.max(axis=-1)
        """,
        id="vector-reduction-is-a-scalar",
    ),
    pytest.param(
        """\
        import numpy as np
        n, k = 8, 4
        z = np.random.randn(n, k)
        b = np.zeros(n)
        r = b - z.sum(axis=1)
        """,
        id="row-reduction-against-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        z = load()
        s = z - z.max(axis=1)
        """,
        id="unknown-shape",
    ),
    pytest.param(
        """\
        import numpy as np
        T = np.zeros((6, 10, 3))
        A = np.zeros((10, 3))
        a = T - T.mean(axis=0)
        b = A - A.mean(0)
        c = A / A.std(0)
        e = A - A.mean(-1, keepdims=True)
        f = A - np.max(A, 1, keepdims=True)
        """,
        id="leading-axis-and-positional-keepdims",
    ),
]


@pytest.mark.parametrize("code", POSITIVE)
def test_reports(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_silent(code: str) -> None:
    assert_expected(code)


def test_s106_not_doubled_as_s101() -> None:
    # (8, 4) - (8,) cannot broadcast: S106 explains it better than S101, so only S106
    report = assert_expected(
        """\
        import numpy as np
        z = np.random.randn(8, 4)
        s = z - z.max(axis=1)  # expect: S106
        """
    )
    assert not [f for f in report.findings if f.code == "S101"]


def test_message_and_keepdims_fix() -> None:
    code = "import numpy as np\nz = np.random.randn(8, 4)\ns = z - z.max(axis=1)  # expect: S106\n"
    report = assert_expected(code)
    f = only(report, "S106")
    assert "axis 1" in f.message and "(8, 4)" in f.message and "keepdims" in f.message
    assert [r.span.line for r in f.related] == [2]
    assert f.fix is not None and not f.fix.safe
    (edit,) = f.fix.edits
    line = code.splitlines()[edit.span.line - 1]
    fixed = line[: edit.span.col] + edit.new_text + line[edit.span.end_col :]
    assert fixed.startswith("s = z - z.max(axis=1, keepdims=True)")


def test_across_notebook_cells() -> None:
    assert_expected_cells(
        [
            ("code", "import numpy as np\nlogits = np.random.randn(8, 4)\n"),
            ("markdown", "Shift by the row max."),
            ("code", "z = logits - logits.max(axis=1)  # expect: S106\n"),
        ]
    )
