"""N304 unstable-sigmoid: ``exp(z) / (1 + exp(z))`` in any spelling."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        X = np.random.randn(100, 3)
        w = np.zeros(3)
        p = np.exp(X @ w) / (1 + np.exp(X @ w))  # expect: N304
        """,
        id="textbook-form",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(10)
        e = np.exp(z)
        p = e / (e + 1)  # expect: N304
        q = e / (1.0 + e)  # expect: N304
        """,
        id="through-a-variable-and-one-point-oh",
    ),
    pytest.param(
        """\
        import numpy as onp
        def sigmoid(t):
            return onp.exp(-t) / (onp.exp(-t) + 1)  # expect: N304
        s = sigmoid(onp.linspace(-5, 5, 11))
        """,
        id="alias-negated-in-a-helper",
    ),
    pytest.param(
        """\
        import numpy as np
        from numpy import exp
        z = np.ones((4, 2))
        p = np.divide(exp(z), 1 + exp(z))  # expect: N304
        """,
        id="np-divide-and-bare-exp",
    ),
]

MASKED_WRONG_SIDE = pytest.param(
    """\
    import numpy as np
    z = np.random.randn(10)
    pos = z >= 0
    ez = np.exp(z[pos])
    big = ez / (1 + ez)  # expect: N304
    also = np.exp(z[~(z < 0)]) / (1 + np.exp(z[~(z < 0)]))  # expect: N304
    """,
    id="masked-to-the-positive-entries",
)

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(10)
        p = 1 / (1 + np.exp(-z))
        q = 1.0 / (1.0 + np.exp(-z))
        """,
        id="the-correct-common-form",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(10)
        a = np.exp(-np.abs(z))
        p = np.where(z >= 0, 1 / (1 + a), a / (1 + a))
        r = np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z)))
        """,
        id="bounded-argument-stable-form",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(10)
        c = np.clip(z, -500, 500)
        p = np.exp(c) / (1 + np.exp(c))
        m = np.exp(np.minimum(z, 0)) / (1 + np.exp(np.minimum(z, 0)))
        """,
        id="clipped",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(10)
        out = np.zeros_like(z)
        pos = z >= 0
        out[pos] = 1 / (1 + np.exp(-z[pos]))
        ez = np.exp(z[~pos])
        out[~pos] = ez / (1 + ez)
        neg = np.exp(z[z < 0]) / (1 + np.exp(z[z < 0]))
        """,
        id="masked-to-the-negative-entries",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(10)
        u = np.random.randn(10)
        a = np.exp(z) / (1 + np.exp(u))
        b = np.exp(z) / (2 + np.exp(z))
        s = z - z.max()
        c = np.exp(s) / np.sum(np.exp(s))
        """,
        id="not-the-logistic-function",
    ),
]


@pytest.mark.parametrize("code", [*POSITIVE, MASKED_WRONG_SIDE])
def test_reported(code: str) -> None:
    assert_expected(code)


@pytest.mark.parametrize("code", NEGATIVE)
def test_not_reported(code: str) -> None:
    assert_expected(code)


def test_notebook_split_across_cells() -> None:
    assert_expected_cells([
        ("code", "import numpy as np\nlogits = np.random.randn(32)"),
        ("markdown", "$\\\\sigma(z) = e^z / (1 + e^z)$"),
        ("code", "e = np.exp(logits)"),
        ("code", "probs = e / (1 + e)  # expect: N304"),
    ])


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("p = np.exp(z) / (1 + np.exp(z))", "p = 1 / (1 + np.exp(-z))"),
        ("p = np.exp(-z) / (np.exp(-z) + 1)", "p = 1 / (1 + np.exp(z))"),
        ("p = np.exp(z * 2) / (1 + np.exp(z * 2))", "p = 1 / (1 + np.exp(-(z * 2)))"),
    ],
)
def test_the_fix_rewrites_to_the_stable_form_and_rechecks_clean(line: str, fixed: str) -> None:
    head = "import numpy as np\nz = np.random.randn(10)\n"
    fix = only(check_text(head + line + "\n", "f.py"), "N304").fix
    assert fix is not None and not fix.safe
    (edit,) = fix.edits
    new_line = line[: edit.span.col] + edit.new_text + line[edit.span.end_col :]
    assert new_line == fixed
    assert [f.code for f in check_text(head + new_line + "\n", "f.py").findings] == []
