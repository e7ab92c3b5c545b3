"""``--fix`` on .py edge cases: line endings in new text, files that do not parse, non-convergence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import write

from derivlint import apply_fixes
from derivlint.findings import Edit, Span

HEAD = "import numpy as np\nA = np.eye(3)\nb = np.ones(3)\n"
NESTED = HEAD + "x = np.linalg.inv(A) @ (np.linalg.inv(A) @ b)\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("inserted", ["(\n1)", "(\r\n1)", "(\r1)"])
def test_new_text_takes_the_files_line_ending(newline: str, inserted: str) -> None:
    text = f"a = 1{newline}b = 2{newline}"
    got = apply_fixes.apply_edits(text, [Edit(Span(1, 4, 1, 5), inserted)])
    assert got == f"a = (1){newline}b = 2{newline}".replace("(", "(" + newline, 1)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_py_line_endings_tabs_no_final_newline(project: Path, run: Callable, ending: str) -> None:
    text = (HEAD + "if True:\n\tx = np.linalg.inv(A) @ b\n\ty = 1").replace("\n", ending)
    path = project / "a.py"
    path.write_bytes(text.encode())
    assert "Fixed 1 finding" in run("check", "a.py", "--fix").err
    assert path.read_bytes() == text.replace("inv(A) @ b", "solve(A, b)").encode()


def test_a_file_that_does_not_parse_says_why_it_was_not_fixed(project: Path, run: Callable) -> None:
    path = project / "a.py"
    path.write_bytes((HEAD + "x = np.linalg.inv(A) @ b\ns = '\0'\n").encode())
    done = run("check", "a.py", "--fix")
    assert "a.py: 1 fixable finding not fixed: the file has a syntax error (line 5)" in done.err
    assert "Fixed 0 findings (2 remaining)." in done.err and done.code == 1
    assert b"inv(A)" in path.read_bytes()


def test_nested_fixes_reach_a_fixed_point(project: Path, run: Callable) -> None:
    path = write(project / "a.py", NESTED)
    done = run("check", "a.py", "--fix")
    assert "Fixed 2 findings (0 remaining)." in done.err and "warning" not in done.err
    assert path.read_text().endswith("x = np.linalg.solve(A, np.linalg.solve(A, b))\n")


def test_fixes_that_do_not_converge_are_reported(
    project: Path, run: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apply_fixes, "MAX_ROUNDS", 1)  # the nested fix needs two rounds
    path = write(project / "a.py", NESTED)
    done = run("check", "a.py", "--fix")
    assert "a.py: fixes did not converge after 1 rounds" in done.err
    assert "Fixed 1 finding (1 remaining)." in done.err
    assert path.read_text().count("solve") == 1
