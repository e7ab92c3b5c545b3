"""The examples are the engine's acceptance test: findings equal the ``# expect:`` markers.

Every file under ``examples/`` (``.py`` and ``.ipynb``) is checked with
``derivlint.analysis.check_file``. A line ending in ``# expect: S101`` must get an S101
finding, and a line without a marker must get no finding at all, from any rule: the
correct versions carry no markers, so a false positive anywhere fails here.

Markers are read from ``report.program.text``, the text the engine analysed (for a
notebook: its code cells joined), so finding lines compare with marker lines directly.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from derivlint.analysis import check_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SOURCES = sorted(EXAMPLES.glob("0*_*/*.py"))
FILES = sorted(SOURCES + list(EXAMPLES.glob("0*_*/*.ipynb")))
CORRECT_SCRIPTS = [p for p in SOURCES if p.stem.endswith("_correct")]
BUG_FILES = [p for p in FILES if "_shape_bugs" in p.stem]
MATH_BUG_FILES = [p for p in FILES if "_math_bugs" in p.stem]

_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>[A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)")


def markers(text: str) -> set[tuple[int, str]]:
    """``(line, code)`` for every ``# expect: CODE[, CODE]`` in ``text`` (1-based lines)."""
    found = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            found.update((number, code.strip()) for code in match.group("codes").split(","))
    return found


def _raw_marker_count(path: Path) -> int:
    """Markers in the file as written (a notebook's code cells), independent of the engine."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    else:
        text = path.read_text(encoding="utf-8")
    return len(markers(text))


def _describe(pairs: set[tuple[int, str]], lines: list[str]) -> str:
    rows = [
        f"  line {n}: {code}   | {lines[n - 1].strip() if n <= len(lines) else ''}"
        for n, code in sorted(pairs)
    ]
    return "\n".join(rows) or "  (none)"


def _name(path: Path) -> str:
    return str(path.relative_to(EXAMPLES))


def test_examples_exist() -> None:
    assert len(SOURCES) == 18, [p.name for p in SOURCES]
    assert len(FILES) == 36, "every .py example needs its notebook: run examples/build_notebooks.py"


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_findings_match_expect_markers(path: Path) -> None:
    report = check_file(path)
    assert report.program.load_error is None, report.program.load_error
    assert not report.rule_errors, f"rules crashed on {_name(path)}: {report.rule_errors}"
    lines = report.program.text.splitlines()
    expected = markers(report.program.text)
    # The program must keep every code line: a marker lost in loading would pass silently.
    assert len(expected) == _raw_marker_count(path)
    actual = {(f.span.line, f.code) for f in report.findings}
    missing, unexpected = expected - actual, actual - expected
    messages = {(f.span.line, f.code): f.message for f in report.findings}
    assert not missing and not unexpected, (
        f"{_name(path)}\nmissing (marked but not reported):\n{_describe(missing, lines)}\n"
        f"unexpected (reported on a line without that marker):\n{_describe(unexpected, lines)}\n"
        + "\n".join(f"  {key}: {messages[key]}" for key in sorted(unexpected))
    )


@pytest.mark.parametrize("path", [p for p in FILES if p.stem.endswith("_correct")], ids=_name)
def test_correct_versions_carry_no_markers(path: Path) -> None:
    assert _raw_marker_count(path) == 0


def test_bug_versions_cover_the_shape_family() -> None:
    codes = set()
    for path in BUG_FILES:
        found = {code for _, code in markers(path.read_text(encoding="utf-8"))}
        assert found, f"{_name(path)} has no markers"
        codes |= found
    assert {f"S10{i}" for i in range(1, 8)} <= codes


def test_math_bug_versions_cover_every_math_rule() -> None:
    from derivlint.rules.registry import all_rules

    codes = set()
    for path in MATH_BUG_FILES:
        found = {code for _, code in markers(path.read_text(encoding="utf-8"))}
        assert found, f"{_name(path)} has no markers"
        codes |= found
    math_rules = {code for code in all_rules() if code[0] in "LNPG"}
    assert math_rules <= codes, f"no example shows {sorted(math_rules - codes)}"


@pytest.mark.skipif(importlib.util.find_spec("nbformat") is None, reason="needs nbformat")
def test_notebooks_are_built_from_the_current_sources() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_notebooks", EXAMPLES / "build_notebooks.py"
    )
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = builder  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(builder)
    finally:
        del sys.modules[spec.name]
    stale = [
        _name(p)
        for p in SOURCES
        if p.with_suffix(".ipynb").read_text(encoding="utf-8") != builder.notebook_text(p)
    ]
    assert not stale, f"regenerate with `python examples/build_notebooks.py`: {stale}"


@pytest.mark.parametrize("path", CORRECT_SCRIPTS, ids=_name)
def test_correct_versions_run_and_agree_with_numpy(path: Path) -> None:
    # The linter never runs user code; the test does, to keep the "correct" examples honest
    # (each script asserts agreement with lstsq / svd / Monte Carlo / finite differences).
    result = subprocess.run(
        [sys.executable, str(path)],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
