"""N301 unstable-softmax: exponentiating before the max shift, or shifting a batch by its global max."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        x = np.random.randn(5, 3)
        a = np.divide(np.exp(x), np.exp(x).sum(axis=1)[:, None])  # expect: N301
        z = np.random.randn(5, 3)
        e = np.exp(z)  # expect: N301
        b = e / e.sum(axis=1).reshape(-1, 1)
        """,
        id="sum-with-its-axis-put-back-by-hand",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(32, 10)
        p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)  # expect: N301
        """,
        id="batch-function-form",
    ),
    pytest.param(
        """\
        import numpy as np
        def softmax(x):
            e = np.exp(x)  # expect: N301
            return e / e.sum(axis=-1, keepdims=True)
        p = softmax(np.zeros((4, 3)))
        """,
        id="variable-method-form-in-a-helper",
    ),
    pytest.param(
        """\
        import numpy as onp
        v = onp.random.randn(10)
        p = onp.exp(v) / onp.exp(v).sum()  # expect: N301
        """,
        id="vector-alias",
    ),
    pytest.param(
        """\
        import numpy as np
        scores = np.random.randn(64, 5)
        shifted = scores - np.max(scores)
        probs = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)  # expect: N301
        """,
        id="batch-shifted-by-its-global-max",
    ),
    pytest.param(
        """\
        import numpy as np
        W = np.random.randn(5, 3)
        x = np.random.randn(5)
        f = x.dot(W)
        p_y = np.exp(f[2]) / np.sum(np.exp(f))  # expect: N301
        exp_f = np.exp(f)  # expect: N301
        q_y = exp_f[2] / np.sum(exp_f)
        """,
        id="cs231n-naive-entry-of-the-softmax",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        x = np.random.randn(5, 3)
        e = np.exp(x - x.max(axis=1)[:, None])
        a = e / e.sum(axis=1)[:, None]
        s = x - np.max(x, axis=1).reshape(-1, 1)
        b = np.exp(s) / np.expand_dims(np.exp(s).sum(axis=1), 1)
        c = np.exp(s) / np.exp(s).sum(axis=1)[:, np.newaxis]
        """,
        id="max-and-sum-with-their-axis-put-back-by-hand",
    ),
    pytest.param(
        """\
        import numpy as np
        def softmax(x):
            s = x - x.max(axis=1, keepdims=True)
            e = np.exp(s)
            return e / e.sum(axis=1, keepdims=True)
        """,
        id="shifted-helper-nobody-calls",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(32, 10)
        s = z - z.max(axis=1, keepdims=True)
        p = np.exp(s) / np.sum(np.exp(s), axis=1, keepdims=True)
        """,
        id="row-max-shift-in-a-variable",
    ),
    pytest.param(
        """\
        import numpy as np
        v = np.random.randn(10)
        p = np.exp(v - np.max(v)) / np.sum(np.exp(v - np.max(v)))
        """,
        id="global-max-is-right-for-a-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        from scipy.special import softmax
        z = np.random.randn(8, 3)
        p = softmax(z, axis=1)
        w = np.exp(-np.abs(z)) / np.sum(np.exp(-np.abs(z)), axis=1, keepdims=True)
        """,
        id="scipy-and-bounded",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(8, 3)
        u = np.random.randn(8, 3)
        a = np.exp(z) / np.sum(np.exp(u))
        b = np.exp(z) / (1 + np.sum(z))
        c = z / np.sum(z, axis=1, keepdims=True)
        """,
        id="not-a-softmax",
    ),
    pytest.param(
        """\
        import numpy as np
        f = np.random.randn(10)
        f -= np.max(f)
        p_y = np.exp(f[3]) / np.sum(np.exp(f))
        g = np.random.randn(10)
        other = np.exp(g[3]) / np.sum(np.exp(f))
        """,
        id="shifted-entry-and-an-entry-of-another-vector",
    ),
    pytest.param(
        """\
        import numpy as np
        Xc = np.random.randn(200, 5)
        lam, V = np.linalg.eigh(Xc.T @ Xc)
        lam = lam[::-1]
        explained = lam[:2] / lam.sum()
        v = np.random.rand(5)
        share = v[0] / np.sum(v)
        e = np.exp(v)  # expect: N301
        unshifted = e[:2] / e.sum()
        """,
        id="a-share-of-a-sum-without-exp-is-not-a-softmax",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.random.randn(10)
        s = 2.0
        g = np.exp(-x**2) / np.sum(np.exp(-x**2))
        k = np.exp(-(x - 1) ** 2 / (2 * s**2))
        w = k / k.sum()
        """,
        id="gaussian-weights-bounded-by-zero",
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
        ("code", "import numpy as np\nlogits = np.random.randn(16, 4)"),
        ("markdown", "Softmax, row by row:"),
        ("code", "e = np.exp(logits)  # expect: N301"),
        ("code", "p = e / e.sum(axis=1, keepdims=True)"),
    ])


def test_reported_at_the_exp_with_the_division_as_related_information() -> None:
    code = "import numpy as np\nz = np.random.randn(8, 3)\ne = np.exp(z)\np = e / e.sum(axis=1, keepdims=True)\n"
    finding = only(check_text(code, "f.py"), "N301")
    assert (finding.span.line, finding.span.col) == (3, 4)
    assert [(r.span.line, r.message) for r in finding.related] == [
        (4, "normalised here: e / e.sum(axis=1, keepdims=True)")
    ]


def _apply(code: str, fix) -> str:
    lines = code.split("\n")
    for edit in sorted(fix.edits, key=lambda e: (e.span.line, e.span.col), reverse=True):
        row = lines[edit.span.line - 1]
        lines[edit.span.line - 1] = row[: edit.span.col] + edit.new_text + row[edit.span.end_col :]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)",
         "p = np.exp(z - np.max(z, axis=1, keepdims=True)) / np.sum(np.exp(z - np.max(z, axis=1, keepdims=True)), axis=1, keepdims=True)"),
        ("s = z - np.max(z)\np = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)",
         "s = z - np.max(z, axis=1, keepdims=True)\np = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)"),
    ],
)
def test_the_fix_shifts_by_the_right_max_and_rechecks_clean(line: str, fixed: str) -> None:
    code = "import numpy as np\nz = np.random.randn(8, 3)\n" + line + "\n"
    fix = only(check_text(code, "f.py"), "N301").fix
    assert fix is not None and not fix.safe
    new = _apply(code, fix)
    assert new.split("\n", 2)[2].rstrip("\n") == fixed
    assert [f.code for f in check_text(new, "f.py").findings] == []


def test_reported_at_the_exp_with_the_division_related() -> None:
    # rules.md: "N301 at the exp"; CS231n writes the exp and the normalisation on separate lines
    code = (
        "import numpy as np\nscores = np.random.randn(20, 10)\n"
        "exp_scores = np.exp(scores)\n"
        "probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)\n"
    )
    finding = only(check_text(code, "f.py"), "N301")
    assert finding.span.line == 3
    assert [r.span.line for r in finding.related] == [4]
