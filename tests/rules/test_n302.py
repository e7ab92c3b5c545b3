"""N302 unstable-logsumexp: ``log(sum(exp(x)))`` with no max shift."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        logits = np.random.randn(64, 10)
        lse = np.log(np.sum(np.exp(logits), axis=1))  # expect: N302
        """,
        id="function-form-axis",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.random.randn(10)
        a = np.log(np.exp(x).sum())  # expect: N302
        e = np.exp(x)
        b = np.log(e.sum())  # expect: N302
        """,
        id="method-form-and-variable",
    ),
    pytest.param(
        """\
        import numpy as onp
        def log_partition(scores):
            return onp.log(onp.sum(onp.exp(scores), axis=-1, keepdims=True))  # expect: N302
        Z = log_partition(onp.zeros((5, 3)))
        """,
        id="alias-in-a-helper",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.random.randn(8, 4)
        centred = x - x.mean(axis=1, keepdims=True)
        lse = np.log(np.sum(np.exp(centred), axis=1))  # expect: N302
        """,
        id="mean-shift-is-not-a-max-shift",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        x = np.random.randn(5, 3)
        m = x.max(axis=1)[:, None]
        lse = np.log(np.sum(np.exp(x - m), axis=1)) + m[:, 0]
        """,
        id="max-with-its-axis-put-back-by-hand",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.random.randn(8, 4)
        m = x.max(axis=1, keepdims=True)
        lse = m + np.log(np.sum(np.exp(x - m), axis=1, keepdims=True))
        lse2 = np.log(np.sum(np.exp(x - np.max(x)), axis=None))
        """,
        id="max-shift-in-a-variable-and-inline",
    ),
    pytest.param(
        """\
        import numpy as np
        from scipy.special import logsumexp
        x = np.random.randn(8, 4)
        lse = logsumexp(x, axis=1)
        """,
        id="scipy-logsumexp",
    ),
    pytest.param(
        """\
        import numpy as np
        z = np.random.randn(8, 4)
        s = z - z.max(axis=1, keepdims=True)
        log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
        nll = -np.log(p[np.arange(8), 0])
        """,
        id="stable-log-softmax-and-log-of-probabilities",
    ),
    pytest.param(
        """\
        import numpy as np
        x = np.random.randn(10)
        a = np.log(np.sum(np.exp(-np.abs(x))))
        b = np.log(np.sum(np.exp(np.clip(x, -50, 50))))
        c = np.log(np.sum(x ** 2))
        d = np.sum(np.log(np.exp(x)))
        """,
        id="bounded-or-not-logsumexp",
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
        ("code", "import numpy as np\nscores = np.random.randn(16, 5)"),
        ("code", "e = np.exp(scores)"),
        ("markdown", "log-partition"),
        ("code", "logZ = np.log(e.sum(axis=1))  # expect: N302"),
    ])


@pytest.mark.parametrize(
    "line", ["r = np.log(np.sum(np.exp(x)))", "r = np.log(np.exp(x).sum())"],
)
def test_the_fix_shifts_by_the_max_and_rechecks_clean(line: str) -> None:
    head = "import numpy as np\nx = np.random.randn(10)\n"
    fix = only(check_text(head + line + "\n", "f.py"), "N302").fix
    assert fix is not None and not fix.safe
    (edit,) = fix.edits
    new_line = line[: edit.span.col] + edit.new_text + line[edit.span.end_col :]
    assert new_line == "r = np.max(x) + np.log(np.sum(np.exp(x - np.max(x))))"
    assert [f.code for f in check_text(head + new_line + "\n", "f.py").findings] == []


def test_no_fix_over_an_axis() -> None:
    code = "import numpy as np\nx = np.ones((3, 4))\nr = np.log(np.sum(np.exp(x), axis=1))\n"
    assert only(check_text(code, "f.py"), "N302").fix is None
