"""``derivlint check``: exit codes, discovery, broken inputs, text output."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import MATMUL_MISMATCH, PY2_PRINT, notebook, write


def test_clean_file_exits_0(project: Path, run) -> None:
    write(project / "ok.py", "x = 1\n")
    result = run("check", "ok.py")
    assert result.code == 0
    assert result.out == "All checks passed!\n"
    assert result.err == ""


def test_finding_exits_1_with_text_line_and_summary(project: Path, run) -> None:
    write(project / "bad.py", f"x = 1\n{PY2_PRINT}\n")
    result = run("check", "bad.py")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("bad.py:2:")
    assert " E001 [" in lines[0]
    assert lines[-1] == "Found 1 finding (1 error, 0 warnings, 0 info) in 1 file."


def test_exit_zero(project: Path, run) -> None:
    write(project / "bad.py", PY2_PRINT + "\n")
    result = run("check", "--exit-zero", "bad.py")
    assert result.code == 0
    assert "E001" in result.out


def test_missing_path_exits_2_without_traceback(project: Path, run) -> None:
    result = run("check", "nowhere.py")
    assert result.code == 2
    assert result.err.strip() == "derivlint: error: nowhere.py: no such file or directory"
    assert result.out == ""


def test_usage_errors_exit_2(project: Path, run) -> None:
    assert run("check", "--format", "xml", ".").code == 2
    assert run("frobnicate").code == 2
    assert run().code == 2


def test_version(run) -> None:
    from derivlint import __version__

    result = run("--version")
    assert result.code == 0
    assert result.out.strip() == f"derivlint {__version__}"


def test_default_path_is_cwd_and_folders_recurse(project: Path, run) -> None:
    write(project / "a" / "b" / "deep.py", PY2_PRINT + "\n")
    write(project / "a" / "nb.ipynb", notebook(("code", PY2_PRINT)))
    write(project / "notes.txt", PY2_PRINT + "\n")  # not a .py / .ipynb: not searched
    for skipped in (".hidden", ".venv", "node_modules", "__pycache__", ".ipynb_checkpoints"):
        write(project / skipped / "x.py", PY2_PRINT + "\n")
    result = run("check")
    assert result.code == 1
    paths = sorted(line.split(":")[0] for line in result.out.splitlines()[:-1])
    assert paths == ["a/b/deep.py", "a/nb.ipynb"]
    assert "in 2 files." in result.out


def test_same_file_twice_is_checked_once(project: Path, run) -> None:
    write(project / "bad.py", PY2_PRINT + "\n")
    result = run("check", "bad.py", ".", "./bad.py")
    assert result.out.count("E001") == 1


def test_syntax_error_reports_its_line_and_the_rest_is_checked(project: Path, run) -> None:
    write(project / "mixed.py", MATMUL_MISMATCH + f"{PY2_PRINT}\nz = 2\nX @ w\n")
    result = run("check", "--format", "json", "mixed.py")
    assert result.code == 1
    found = {(f["code"], f["line"]) for f in result.json()}
    assert ("E001", 5) in found
    # the statements around the broken one are still analysed
    assert ("S101", 4) in found
    assert ("S101", 7) in found


def test_malformed_notebook_is_one_e002_finding(project: Path, run) -> None:
    write(project / "broken.ipynb", '{"cells": [ {"cell_type": "code", \n<<<<<<< HEAD\n')
    result = run("check", "--format", "json", "broken.ipynb")
    assert result.code == 1
    assert "Traceback" not in result.err
    (finding,) = result.json()
    assert finding["code"] == "E002"
    assert finding["name"] == "invalid-notebook"
    assert finding["severity"] == "error"
    assert (finding["cell"], finding["line"], finding["column"]) == (None, 1, 1)
    assert finding["message"]


def test_malformed_notebook_text_output(project: Path, run) -> None:
    write(project / "broken.ipynb", "not json at all")
    result = run("check", "broken.ipynb")
    assert result.code == 1
    assert result.out.startswith("broken.ipynb:1:1: E002 [invalid-notebook] ")
    assert "Traceback" not in result.err


def test_notebook_syntax_error_names_the_cell(project: Path, run) -> None:
    nb = notebook(
        ("code", "import numpy as np\nx = np.zeros(3)"),
        ("markdown", "Markdown cells count in the cell numbering."),
        ("code", f"y = 1\n{PY2_PRINT}"),
    )
    write(project / "nb.ipynb", nb)
    result = run("check", "nb.ipynb")
    assert result.code == 1
    assert result.out.splitlines()[0].startswith("nb.ipynb:cell 3:2:")
    assert " E001 [" in result.out


def test_matmul_mismatch_is_s101(project: Path, run) -> None:
    write(project / "m.py", MATMUL_MISMATCH)
    result = run("check", "m.py")
    assert result.code == 1
    assert result.out.startswith("m.py:4:1: S101 [shape-mismatch] ")


def test_notebook_s101_location_is_in_cell(project: Path, run) -> None:
    nb = notebook(
        ("markdown", "# Shapes"),
        ("code", "import numpy as np\nX = np.zeros((3, 4))"),
        ("code", "w = np.zeros(5)\n\nX @ w"),
    )
    write(project / "nb.ipynb", nb)
    result = run("check", "nb.ipynb")
    assert result.code == 1
    assert result.out.startswith("nb.ipynb:cell 3:3:1: S101 [shape-mismatch] ")


def test_no_files_found_is_not_an_error(project: Path, run) -> None:
    (project / "empty").mkdir()
    result = run("check", "empty")
    assert result.code == 0
    assert result.out == "All checks passed!\n"


def test_internal_error_is_one_line_exit_2(project: Path, run, monkeypatch) -> None:
    import derivlint.analysis

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(derivlint.analysis, "check_file", explode)
    write(project / "ok.py", "x = 1\n")
    result = run("check", "ok.py")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "derivlint: error: internal error checking ok.py: RuntimeError: boom" in result.err
