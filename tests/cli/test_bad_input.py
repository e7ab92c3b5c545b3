"""Inputs that must give a clear diagnostic, quickly, never a hang or a traceback."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import MATMUL_MISMATCH, notebook, write

from derivlint.apply_fixes import WriteError, write_atomic
from derivlint.sources import MAX_CODE_CHARS, program_from_text


def findings(run: Callable, path: str) -> list[tuple[str, str]]:
    done = run("check", path, "--format", "json")
    assert "Traceback" not in done.err
    return [(f["code"], f["message"]) for f in done.json()]


def test_a_py_file_over_the_size_limit_is_e002_not_a_hang(project: Path, run: Callable) -> None:
    filler = "".join(f"def f{i}(A, b):\n    return A @ b + {i}\n\n" for i in range(40_000))
    assert len(filler) > MAX_CODE_CHARS  # ~1.7 MB: minutes to analyse before the limit
    write(project / "big.py", MATMUL_MISMATCH + filler)
    start = time.perf_counter()
    got = findings(run, "big.py")
    assert time.perf_counter() - start < 20  # far below the minutes it took before the limit
    assert [code for code, _ in got] == ["E002"]
    assert "too large to check: 1.7 MB of code" in got[0][1]
    done = run("check", "big.py", "--fix")
    assert done.code == 1 and "Traceback" not in done.err


def test_a_huge_py_file_is_not_even_read(project: Path, run: Callable) -> None:
    path = project / "huge.py"
    with path.open("wb") as f:  # sparse: 50 MB on disk costs nothing
        f.truncate(50_000_000)
    got = findings(run, "huge.py")
    assert got == [("E002", got[0][1])] and "too large to check: 50.0 MB" in got[0][1]


def test_a_notebook_with_huge_outputs_is_still_checked(project: Path, run: Callable) -> None:
    nb = json.loads(notebook(("code", MATMUL_MISMATCH)))
    big = {"output_type": "display_data", "metadata": {}, "data": {"image/png": "A" * 3_000_000}}
    nb["cells"][0]["outputs"] = [big]
    write(project / "nb.ipynb", json.dumps(nb))
    assert [code for code, _ in findings(run, "nb.ipynb")] == ["S101"]


def test_a_notebook_with_too_much_code_is_e002() -> None:
    cell = "x = 1\n" * (MAX_CODE_CHARS // 6 + 1)
    program = program_from_text(notebook(("markdown", "# t"), ("code", cell)), "nb.ipynb")
    assert program.load_error is not None and "too large to check" in program.load_error
    assert program.raw  # kept: the file is left alone, not treated as empty


HEAD = b"import numpy as np\nA = np.eye(3)\nb = np.ones(3)\n"


def test_a_py_file_in_its_declared_encoding_is_checked_and_fixed_in_it(
    project: Path, run: Callable
) -> None:
    text = b"# -*- coding: latin-1 -*-\n" + HEAD + b"x = np.linalg.inv(A) @ b  # caf\xe9\n"
    path = project / "a.py"
    path.write_bytes(text)
    assert [code for code, _ in findings(run, "a.py")] == ["L202"]
    assert "Fixed 1 finding (0 remaining)." in run("check", "a.py", "--fix").err
    assert path.read_bytes() == text.replace(b"inv(A) @ b", b"solve(A, b)")  # still latin-1


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"", "not valid UTF-8: byte 0xe9"),  # no declaration: Python refuses it too
        (b"# coding: ascii\n", "not valid ASCII: byte 0xe9"),
        (b"# coding: no-such-codec\n", "not valid UTF-8: byte 0xe9"),
    ],
)
def test_undecodable_py_is_e002_and_left_alone(
    project: Path, run: Callable, head: bytes, message: str
) -> None:
    text = head + HEAD + b"x = np.linalg.inv(A) @ b  # caf\xe9\n"
    path = project / "a.py"
    path.write_bytes(text)
    got = findings(run, "a.py")
    assert [code for code, _ in got] == ["E002"] and message in got[0][1]
    run("check", "a.py", "--fix")
    assert path.read_bytes() == text


def test_write_in_an_encoding_that_cannot_hold_the_fix_is_a_clear_error(project: Path) -> None:
    path = project / "a.py"
    path.write_bytes(b"x = 1\n")
    with pytest.raises(WriteError, match="a.py: cannot write fixes: .* in ascii"):
        write_atomic(str(path), "x = 'μ'\n", "ascii")
    assert path.read_bytes() == b"x = 1\n"
