"""L203 log-det: ``log(det(S))`` where ``slogdet`` is needed."""

from __future__ import annotations

import pytest
from rule_helpers import assert_expected, assert_expected_cells, only

from derivlint.analysis import check_text

POSITIVE = [
    pytest.param(
        """\
        import numpy as np
        def gaussian_logpdf(x, mu, S):
            d = x - mu
            return -0.5 * (np.log(np.linalg.det(2 * np.pi * S)) + d @ np.linalg.solve(S, d))  # expect: L203
        X = np.random.randn(500, 40)
        S = np.cov(X.T)
        S = np.eye(40) * 0.1
        v = gaussian_logpdf(X[0], X.mean(axis=0), S)
        """,
        id="gaussian-logpdf",
    ),
    pytest.param(
        """\
        import numpy as np
        from numpy.linalg import det
        S = np.eye(50) * 0.1
        a = np.log(det(S))  # expect: L203
        b = np.log(np.abs(det(S)))  # expect: L203
        """,
        id="bare-det-and-abs",
    ),
    pytest.param(
        """\
        import numpy as onp
        S = onp.eye(64)
        d = onp.linalg.det(S)
        logdet = onp.log(d)  # expect: L203
        """,
        id="through-a-variable",
    ),
    pytest.param(
        """\
        import numpy as np
        import scipy.linalg as sla
        def kl(S0, S1):
            return 0.5 * np.log(sla.det(S1) / 1.0) + np.log10(np.linalg.det(S0))  # expect: L203
        """,
        id="log10-unknown-size",
    ),
]

NEGATIVE = [
    pytest.param(
        """\
        import numpy as np
        S = np.eye(50)
        sign, logdet = np.linalg.slogdet(S)
        L = np.linalg.cholesky(S)
        logdet2 = 2 * np.sum(np.log(np.diag(L)))
        """,
        id="slogdet-and-cholesky",
    ),
    pytest.param(
        """\
        import numpy as np
        A = np.random.randn(40, 40)
        if np.linalg.det(A) == 0:
            raise ValueError("singular")
        """,
        id="det-without-log",
    ),
    pytest.param(
        """\
        import numpy as np
        S = np.array([[2.0, 0.3], [0.3, 1.0]])
        logdet = np.log(np.linalg.det(S))
        T = np.eye(3)
        lt = np.log(np.linalg.det(T))
        """,
        id="two-by-two-and-three-by-three",
    ),
    pytest.param(
        """\
        import numpy as np
        S = np.eye(50)
        a = np.log(np.trace(S))
        b = np.log(np.linalg.norm(S))
        c = np.log(np.prod(np.diag(S)))
        """,
        id="other-scalars",
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
        ("code", "import numpy as np\nS = np.eye(100) * 0.05"),
        ("markdown", "The log-determinant:"),
        ("code", "d = np.linalg.det(S)"),
        ("code", "ld = np.log(d)  # expect: L203"),
    ])


def test_fixes_abs_is_safe_plain_log_is_not() -> None:
    code = "import numpy as np\nS = np.eye(9)\na = np.log(np.abs(np.linalg.det(S)))\nb = np.log(np.linalg.det(S + 1))\n"
    report = check_text(code, "f.py")
    a, b = (f for f in report.findings if f.code == "L203")
    assert a.fix is not None and a.fix.safe and a.fix.edits[0].new_text == "np.linalg.slogdet(S)[1]"
    assert b.fix is not None and not b.fix.safe and b.fix.edits[0].new_text == "np.linalg.slogdet(S + 1)[1]"


def test_no_fix_for_a_bare_det_name() -> None:
    code = "import numpy as np\nfrom numpy.linalg import det\nS = np.eye(9)\na = np.log(det(S))\n"
    assert only(check_text(code, "f.py"), "L203").fix is None
