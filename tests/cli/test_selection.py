"""``--select`` / ``--ignore`` / ``--extend-select`` and ``# noqa`` / ``disable-file``."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import MATMUL_MISMATCH, PY2_PRINT, notebook, write

from derivlint.rules.registry import get_rule


def _e001_name() -> str:
    rule = get_rule("E001")
    assert rule is not None
    return rule.name


@pytest.mark.parametrize("selector", ["E001", "e001", "E0", "E", "ALL", "<name>"])
def test_ignore_by_code_prefix_or_name(project: Path, run, selector: str) -> None:
    selector = _e001_name() if selector == "<name>" else selector
    write(project / "bad.py", PY2_PRINT + "\n")
    result = run("check", "--ignore", selector, "bad.py")
    assert (result.code, result.out) == (0, "All checks passed!\n")


@pytest.mark.parametrize("selector", ["E001", "E0", "E", "<name>", "S,E001"])
def test_select_keeps_the_rule(project: Path, run, selector: str) -> None:
    selector = _e001_name() if selector == "<name>" else selector
    write(project / "bad.py", PY2_PRINT + "\n")
    assert run("check", "--select", selector, "bad.py").code == 1


def test_select_other_family_drops_the_rule(project: Path, run) -> None:
    write(project / "bad.py", PY2_PRINT + "\n")
    assert run("check", "--select", "S", "bad.py").code == 0
    assert run("check", "--select", "S", "--extend-select", "E001", "bad.py").code == 1


def test_most_specific_selector_wins(project: Path, run) -> None:
    write(project / "bad.py", PY2_PRINT + "\n")
    assert run("check", "--select", "E001", "--ignore", "E", "bad.py").code == 1
    assert run("check", "--select", "E", "--ignore", "E001", "bad.py").code == 0


def test_unknown_selector_is_a_usage_error(project: Path, run) -> None:
    write(project / "ok.py", "x = 1\n")
    result = run("check", "--select", "Z999", "ok.py")
    assert result.code == 2
    assert "Z999" in result.err and "Traceback" not in result.err


def test_select_shape_rules_by_name(project: Path, run) -> None:
    write(project / "m.py", MATMUL_MISMATCH)
    assert run("check", "--select", "shape-mismatch", "m.py").code == 1
    assert run("check", "--ignore", "shape-mismatch", "m.py").code == 0
    assert run("check", "--ignore", "S1", "m.py").code == 0


@pytest.mark.parametrize(
    "comment", ["# noqa", "# noqa: E001", "#NOQA:e001", "# noqa: S101, E001", "# noqa: S101 E001"]
)
def test_noqa_by_code_and_bare(project: Path, run, comment: str) -> None:
    write(project / "bad.py", f"{PY2_PRINT}  {comment}\n")
    assert run("check", "bad.py").code == 0


def test_noqa_by_name(project: Path, run) -> None:
    write(project / "bad.py", f"{PY2_PRINT}  # noqa: {_e001_name()}\n")
    assert run("check", "bad.py").code == 0


def test_noqa_for_another_rule_does_not_suppress(project: Path, run) -> None:
    write(project / "bad.py", f"{PY2_PRINT}  # noqa: S101\n")
    assert run("check", "bad.py").code == 1


def test_noqa_inside_a_string_does_not_suppress(project: Path, run) -> None:
    write(project / "bad.py", 'print "# noqa"\n')
    assert run("check", "bad.py").code == 1
    write(project / "bad.py", 'x = """\n# noqa\n"""; print "x"\n')
    assert run("check", "bad.py").code == 1


def test_noqa_on_shape_findings(project: Path, run) -> None:
    write(project / "m.py", MATMUL_MISMATCH.replace("X @ w\n", "X @ w  # noqa: S101\n"))
    assert run("check", "m.py").code == 0
    write(project / "m.py", MATMUL_MISMATCH.replace("X @ w\n", "X @ w  # noqa: shape-mismatch\n"))
    assert run("check", "m.py").code == 0
    write(project / "m.py", MATMUL_MISMATCH.replace("X @ w\n", "X @ w  # noqa: S102\n"))
    assert run("check", "m.py").code == 1


def test_noqa_in_a_notebook_cell(project: Path, run) -> None:
    nb = notebook(("markdown", "# t"), ("code", f"x = 1\n{PY2_PRINT}  # noqa: E001"))
    write(project / "nb.ipynb", nb)
    assert run("check", "nb.ipynb").code == 0


def test_disable_file(project: Path, run) -> None:
    write(project / "bad.py", f"# derivlint: disable-file\n{PY2_PRINT}\n{MATMUL_MISMATCH}")
    assert run("check", "bad.py").code == 0


def test_disable_file_in_any_notebook_cell(project: Path, run) -> None:
    nb = notebook(("code", PY2_PRINT), ("code", "x = 1  # derivlint: disable-file"))
    write(project / "nb.ipynb", nb)
    assert run("check", "nb.ipynb").code == 0


def test_disable_file_inside_a_string_does_not_count(project: Path, run) -> None:
    write(project / "bad.py", f's = "# derivlint: disable-file"\n{PY2_PRINT}\n')
    assert run("check", "bad.py").code == 1
