"""rules/symmetry.py: symmetric by construction, provably not, or unknown (shared by L201, L205-L208)."""

from __future__ import annotations

import textwrap

import pytest

from derivlint.analysis import check_text
from derivlint.rules.symmetry import symmetric, symmetry
from derivlint.rules.written import written_arrays

SETUP = """\
import numpy as np
rng = np.random.default_rng(0)
X = rng.normal(size=(50, 4))
A = rng.normal(size=(4, 4))
B = rng.normal(size=(4, 4))
S = np.cov(X.T)
T = X.T @ X
w = rng.random(50)
v = rng.random(4)
"""

CASES = [
    ("X.T @ X", True), ("A @ A.T", True), ("np.cov(X.T)", True), ("(A + A.T) / 2", True),
    ("A @ S @ A.T", True), ("A.T @ np.diag(v) @ A", True), ("X.T @ (w[:, None] * X)", True),
    ("(w * X.T) @ X", True), ("np.linalg.inv(S)", True), ("S + 0.1 * np.eye(4)", True),
    ("np.array([[1.0, 2.0], [2.0, 5.0]])", True), ("B @ (A.T @ A) @ B.T", True), ("np.outer(v, v)", True),
    ("np.linalg.inv(S) @ T", False), ("np.linalg.solve(S, T)", False), ("A @ B", False), ("A", False),
    ("S + A", False), ("np.array([[1.0, 2.0], [0.0, 5.0]])", False), ("2.0 * (A @ S)", False),
    ("A - A.T", False),
    ("np.linalg.inv(S) @ S", None), ("(S @ S) @ S", True), ("np.linalg.matrix_power(S, 3) @ np.linalg.inv(S)", None), ("S @ (S + 0.1 * np.eye(4))", None), ("np.eye(4) @ S", True),
    ("np.outer(v, w[:4])", None), ("A + B", None), ("X @ X.T @ X", None), ("np.exp(S)", None),
    ("(w[:, None] * X).T @ X", None), ("rng.integers(0, 2, size=(4, 4))", None),
    ("np.zeros((4, 4))", True), ("np.zeros((4, 4)) + T", True), ("np.ones((4, 3))", None),
]


def _last_m(code: str):
    report = check_text(SETUP + code, "f.py")
    return [v for t, v in report.facts.assignments if getattr(t, "id", None) == "M"][-1]


@pytest.mark.parametrize(("body", "expected"), [
    ("M = np.zeros((4, 4))\nfor k in range(3):\n    M += X.T @ X\nM = M\n", True),
    ("M = np.zeros((4, 4))\nfor k in range(3):\n    M = M + np.outer(v, v)\nM = M\n", True),
    ("M = S\nfor k in range(3):\n    M = A @ M\nM = M\n", None),  # symmetric at the start only
    ("M = A @ B if v[0] > 0 else S\n", None),
    ("if v[0] > 0:\n    M = A @ B\nelse:\n    M = B @ A\nM = M\n", False),
], ids=["zeros-plus-grams-in-a-loop", "outer-products-in-a-loop", "symmetric-only-at-the-start",
        "either-branch", "both-branches-not-symmetric"])
def test_a_value_computed_differently_on_two_paths_has_the_verdict_both_agree_on(body: str, expected) -> None:
    assert symmetry(_last_m(body)) is expected


@pytest.mark.parametrize(("expr", "expected"), CASES, ids=[c[0] for c in CASES])
def test_three_valued_symmetry(expr: str, expected: bool | None) -> None:
    report = check_text(SETUP + f"M = {expr}\n", "f.py")
    value = [v for t, v in report.facts.assignments if getattr(t, "id", None) == "M"][-1]
    assert symmetry(value) is expected
    assert symmetric(value) is (expected is True)


def test_arrays_written_into_are_listed() -> None:
    code = textwrap.dedent("""\
        import numpy as np
        R = np.random.randn(3, 3)
        R[0, 1] = 2.0
        Q = np.random.randn(3, 3)
        np.fill_diagonal(Q, 0.0)
        P = np.random.randn(3, 3)
        P.sort()
        def fill(M):
            M[:] = 0.0
        F1 = np.random.randn(3, 3)
        F2 = np.random.randn(3, 3)
        fill(F1)
        fill(F2)
        K = np.random.randn(3, 3)
        print(K)
        """)
    facts = check_text(code, "f.py").facts
    values = {t.id: v for t, v in facts.assignments if hasattr(t, "id")}
    written = written_arrays(facts)
    assert {n for n in ("R", "Q", "P", "F1", "F2", "K") if id(values[n]) in written} == {"R", "Q", "P", "F1", "F2"}
    assert symmetry(values["R"], written) is None and symmetry(values["K"], written) is False
