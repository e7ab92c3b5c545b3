"""``derivlint check --fix | --unsafe-fixes | --diff``: what is written, and what is not."""

from __future__ import annotations

import ast
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import write

from derivlint import apply_fixes
from derivlint.findings import Edit, Finding, Fix, Span
from derivlint.notebook_json import encode_source, source_spans
from derivlint.sources import program_from_text

INVERSE = "import numpy as np\nA = np.eye(3)\nb = np.ones(3)\nx = np.linalg.inv(A) @ b\n"
SOLVED = "import numpy as np\nA = np.eye(3)\nb = np.ones(3)\nx = np.linalg.solve(A, b)\n"
KEEPDIMS = "import numpy as np\nX = np.ones((4, 3))\nZ = X - X.max(axis=1)\n"


def codes(run: Callable, *paths: str) -> list[str]:
    return [f["code"] for f in run("check", *paths, "--format", "json").json()]


def test_fix_applies_safe_fix_and_rechecks(project: Path, run: Callable) -> None:
    path = write(project / "a.py", INVERSE)
    assert "L202" in codes(run, "a.py")
    done = run("check", "a.py", "--fix")
    assert path.read_text(encoding="utf-8") == SOLVED
    ast.parse(path.read_text(encoding="utf-8"))
    assert done.code == 0, done.out
    assert "Fixed 1 finding (0 remaining)." in done.err
    assert codes(run, "a.py") == []


def test_fix_reports_what_remains(project: Path, run: Callable) -> None:
    write(project / "a.py", INVERSE + "u = np.ones(3)\nv = np.ones(4)\nM = u.T @ v\n")
    done = run("check", "a.py", "--fix", "--format", "json")
    assert done.code == 1
    assert [f["code"] for f in json.loads(done.out)] == ["S101"]
    assert "Fixed 1 finding (1 remaining)." in done.err


def test_diff_prints_and_does_not_write(project: Path, run: Callable) -> None:
    path = write(project / "a.py", INVERSE)
    done = run("check", "a.py", "--diff")
    assert done.code == 1
    assert "--- a/a.py\n+++ b/a.py\n" in done.out
    assert "-x = np.linalg.inv(A) @ b\n+x = np.linalg.solve(A, b)\n" in done.out
    assert path.read_text(encoding="utf-8") == INVERSE
    clean = write(project / "b.py", SOLVED)
    done = run("check", "b.py", "--diff")
    assert (done.code, done.out) == (0, "")
    assert clean.read_text(encoding="utf-8") == SOLVED


def test_unsafe_fixes_only_when_asked(project: Path, run: Callable) -> None:
    path = write(project / "b.py", KEEPDIMS)
    assert "S106" in codes(run, "b.py")
    run("check", "b.py", "--fix")
    assert path.read_text(encoding="utf-8") == KEEPDIMS
    assert run("check", "b.py", "--diff").code == 0
    assert "keepdims=True" in run("check", "b.py", "--diff", "--unsafe-fixes").out
    assert path.read_text(encoding="utf-8") == KEEPDIMS
    run("check", "b.py", "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8").endswith("X.max(axis=1, keepdims=True)\n")
    assert "S106" not in codes(run, "b.py")


def test_crlf_and_bom_are_kept(project: Path, run: Callable) -> None:
    path = project / "a.py"
    path.write_bytes(b"\xef\xbb\xbf" + INVERSE.replace("\n", "\r\n").encode())
    run("check", "a.py", "--fix")
    assert path.read_bytes() == b"\xef\xbb\xbf" + SOLVED.replace("\n", "\r\n").encode()


def test_file_mode_is_kept(project: Path, run: Callable) -> None:
    path = write(project / "a.py", INVERSE)
    path.chmod(0o640)
    run("check", "a.py", "--fix")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == SOLVED
    assert [p.name for p in project.iterdir()] == ["a.py"]  # no temporary file left


# ----------------------------------------------------------------------- notebooks


def _hand_notebook() -> str:
    """Jupyter-style JSON (indent=1) with outputs, counts, metadata, attachments, odd key order."""
    cells = [
        {
            "cell_type": "markdown",
            "attachments": {"img.png": {"image/png": "iVBORw0KGgo="}},
            "metadata": {"tags": ["intro"]},
            "source": ["# Solve\n", "![img](attachment:img.png) é"],
        },
        {
            "source": [
                "%matplotlib inline\n",
                "import numpy as np\n",
                "A = np.eye(3)\n",
                "b = np.ones(3)",
            ],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}],
            "execution_count": 3,
            "cell_type": "code",
            "metadata": {"scrolled": True, "collapsed": False},
            "id": "c2",
        },
        {
            "cell_type": "code",
            "execution_count": 4,
            "id": "c3",
            "metadata": {},
            "outputs": [
                {
                    "data": {"text/plain": ["array([1., 1., 1.])"]},
                    "execution_count": 4,
                    "metadata": {},
                    "output_type": "execute_result",
                }
            ],
            "source": ["x = np.linalg.inv(A) @ b\n", "x"],
        },
    ]
    nb = {
        "metadata": {"kernelspec": {"display_name": "Python 3", "name": "python3"}},
        "nbformat_minor": 2,
        "cells": cells,
        "nbformat": 4,
    }
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def test_notebook_fix_changes_only_the_cell_source(project: Path, run: Callable) -> None:
    path = write(project / "nb.ipynb", _hand_notebook())
    before = path.read_text(encoding="utf-8")
    assert "L202" in codes(run, "nb.ipynb")
    done = run("check", "nb.ipynb", "--fix")
    assert done.code == 0, done.out + done.err
    after = path.read_text(encoding="utf-8")
    old = '"x = np.linalg.inv(A) @ b\\n",'
    new = '"x = np.linalg.solve(A, b)\\n",'
    assert before.count(old) == 1
    assert after == before.replace(old, new)
    cell = json.loads(after)["cells"][2]
    assert cell["source"] == ["x = np.linalg.solve(A, b)\n", "x"]
    assert codes(run, "nb.ipynb") == []


def test_notebook_string_source_and_diff(project: Path, run: Callable) -> None:
    text = _hand_notebook().replace(
        '[\n    "x = np.linalg.inv(A) @ b\\n",\n    "x"\n   ]', '"x = np.linalg.inv(A) @ b\\nx"'
    )
    assert '"x = np.linalg.inv(A) @ b\\nx"' in text
    path = write(project / "nb.ipynb", text)
    done = run("check", "nb.ipynb", "--diff")
    assert done.code == 1 and '+   "source": "x = np.linalg.solve(A, b)\\nx"' in done.out
    assert path.read_text(encoding="utf-8") == text
    run("check", "nb.ipynb", "--fix")
    assert path.read_text(encoding="utf-8") == text.replace("inv(A) @ b", "solve(A, b)")


def test_source_spans_find_each_cell() -> None:
    raw = _hand_notebook()
    spans = source_spans(raw)
    cells = json.loads(raw)["cells"]
    assert len(spans) == 3
    for span, cell in zip(spans, cells):
        assert span is not None
        assert json.loads(raw[span[0] : span[1]]) == cell["source"]
    dup = '{"cells": [{"source": "a", "source": ["b"]}, {}]}'  # the last key wins, as in json
    at = dup.index('["b"]')
    assert source_spans(dup) == ((at, at + 5), None)


def test_encode_source_styles() -> None:
    raw = '{\n "cells": [\n  {\n   "source": []\n  }\n ]\n}'
    span = source_spans(raw)[0]
    assert span is not None
    value = encode_source(raw, span, "a\nb")
    assert value == '[\n    "a\\n",\n    "b"\n   ]'
    assert encode_source(raw, span, "") == "[]"
    compact = '{"cells":[{"source":["a\\n", "b"]}]}'
    span = source_spans(compact)[0]
    assert span is not None and encode_source(compact, span, "x\ny\n") == '["x\\n", "y\\n"]'


# ------------------------------------------------------------------ refused fixes


def _finding(fix: Fix) -> Finding:
    return Finding("L202", "explicit-inverse", "warning", "m", fix.edits[0].span, fix=fix)


def test_fix_that_breaks_parsing_is_not_applied() -> None:
    program = program_from_text(SOLVED, "a.py")
    broken = Fix("break", True, (Edit(Span(4, 4, 4, 5), "("),))
    fine = Fix("rename", True, (Edit(Span(4, 0, 4, 1), "y"),))
    text, applied = apply_fixes.apply_fixes(program, [_finding(broken)])
    assert (text, applied) == (SOLVED, 0)
    text, applied = apply_fixes.apply_fixes(program, [_finding(broken), _finding(fine)])
    assert applied == 1 and text == SOLVED.replace("x = np", "y = np")


def test_notebook_fix_on_masked_or_breaking_line_is_not_applied() -> None:
    raw = _hand_notebook()
    program = program_from_text(raw, "nb.ipynb")
    assert 1 in program.masked_lines  # %matplotlib inline
    on_magic = Fix("magic", True, (Edit(Span(1, 0, 1, 1), "#"),))
    breaking = Fix("break", True, (Edit(Span(5, 0, 5, 1), "("),))
    for fix in (on_magic, breaking):
        assert apply_fixes.apply_fixes(program, [_finding(fix)]) == (raw, 0)


def test_read_only_file_is_a_clear_error(project: Path, run: Callable) -> None:
    path = write(project / "a.py", INVERSE)
    path.chmod(0o444)
    done = run("check", "a.py", "--fix")
    assert done.code == 2
    assert "a.py: cannot write fixes: the file is read-only" in done.err
    assert "Traceback" not in done.err
    assert path.read_text(encoding="utf-8") == INVERSE


def test_unwritable_folder_is_a_clear_error(
    project: Path, run: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(project / "a.py", INVERSE)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    if os.geteuid() == 0:  # root writes anywhere: simulate the folder's refusal
        monkeypatch.setattr(apply_fixes.tempfile, "mkstemp", denied)
    else:
        project.chmod(0o555)
    try:
        done = run("check", "a.py", "--fix")
    finally:
        project.chmod(0o755)
    assert done.code == 2
    assert "a.py: cannot write fixes: Permission denied" in done.err
    assert "Traceback" not in done.err
    assert path.read_text(encoding="utf-8") == INVERSE
