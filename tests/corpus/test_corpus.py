"""Precision in the wild: course-style code checked exactly (issues 4 and 5).

``negatives/`` holds correct files written the way public course code is written
(CS231n, CS229, deeplearning.ai, Coursera ML, sklearn / numpy-ml estimators,
textbook notebooks). They carry no markers: any finding from any rule fails.

``regression/`` holds files in the same styles with real bugs, each marked
``# expect: CODE`` on the line where ``rules.md`` says the finding is reported,
among plenty of correct code. Their findings must equal their markers exactly.

A marker whose code is in the catalogue (``rules.md``) but whose rule is not
registered yet is set aside: the file is still checked for every other marker and
for anything extra, and the marker takes effect when the rule lands. A marker
code that is not in the catalogue at all is a typo and fails. A line marked with a
rule and with a finding that rule supersedes (``# expect: L201, S101``) expects only
the superseding rule once it is registered.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from derivlint.analysis import check_file
from derivlint.rules.registry import all_rules

HERE = Path(__file__).resolve().parent
NEGATIVES = sorted(p for p in (HERE / "negatives").iterdir() if p.suffix in (".py", ".ipynb"))
REGRESSION = sorted(p for p in (HERE / "regression").iterdir() if p.suffix in (".py", ".ipynb"))

#: every code of the catalogue (rules.md), registered or not
CATALOGUE = frozenset(
    [f"E00{i}" for i in (1, 2)]
    + [f"S10{i}" for i in range(1, 9)]
    + [f"L20{i}" for i in range(1, 9)]
    + [f"N30{i}" for i in range(1, 9)]
    + ["P401", "P402", "G501", "G502", "G503", "D601", "D602", "M701", "M702"]
)

#: regression files a rule does not get right yet: file -> (reason, the rule it needs registered).
#: Strict, so the test fails (XPASS) once it is fixed and the entry must go; an entry for a rule
#: that is not registered yet applies from the day the rule lands (its markers are set aside until then).
XFAIL: dict[str, tuple[str, str]] = {}


def _regression_param(path: Path) -> object:
    entry = XFAIL.get(path.name)
    if entry is None or entry[1] not in all_rules():
        return path
    return pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=entry[0]))


_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>[A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)")


def markers(text: str) -> set[tuple[int, str]]:
    """``(line, code)`` for every ``# expect: CODE[, CODE]`` in ``text`` (1-based lines)."""
    found = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            found.update((number, code.strip()) for code in match.group("codes").split(","))
    return found


def _raw_text(path: Path) -> str:
    """The file's code as written (a notebook's code cells), independent of the engine."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return path.read_text(encoding="utf-8")


def _describe(pairs: set[tuple[int, str]], lines: list[str], messages: dict) -> str:
    rows = []
    for n, code in sorted(pairs):
        text = lines[n - 1].strip() if n <= len(lines) else ""
        rows.append(f"  line {n}: {code}   | {text}")
        if (n, code) in messages:
            rows.append(f"      {messages[(n, code)]}")
    return "\n".join(rows) or "  (none)"


def _check_exactly(path: Path, expected: set[tuple[int, str]]) -> None:
    report = check_file(path)
    assert report.program.load_error is None, report.program.load_error
    assert not report.rule_errors, f"rules crashed on {path.name}: {report.rule_errors}"
    lines = report.program.text.splitlines()
    rules = all_rules()
    expected = {(line, code) for line, code in expected if code in rules}
    # a rule that explains another's finding replaces it (L201's missing transpose replaces the
    # S101 it causes: Rule.supersedes on the branch that adds it); a line marked with both then
    # expects only the explaining one once that rule is registered
    replaced = {
        (line, old)
        for line, code in expected
        for old in getattr(rules[code], "supersedes", ())
    }
    expected -= replaced
    actual = {(f.span.line, f.code) for f in report.findings}
    messages = {(f.span.line, f.code): f.message for f in report.findings}
    missing, unexpected = expected - actual, actual - expected
    assert not missing and not unexpected, (
        f"{path.name}\nmissing (marked but not reported):\n{_describe(missing, lines, {})}\n"
        f"unexpected (reported on a line without that marker):\n{_describe(unexpected, lines, messages)}"
    )


def test_folders_are_big_enough() -> None:
    assert len(NEGATIVES) >= 30, len(NEGATIVES)
    assert len(REGRESSION) >= 40, len(REGRESSION)
    assert any(p.suffix == ".ipynb" for p in NEGATIVES)
    assert any(p.suffix == ".ipynb" for p in REGRESSION)


@pytest.mark.parametrize("path", NEGATIVES, ids=lambda p: p.name)
def test_negative_is_clean(path: Path) -> None:
    assert not markers(_raw_text(path)), "negative files carry no markers"
    _check_exactly(path, set())


def test_negative_with_a_fixed_class_count_is_clean(tmp_path: Path) -> None:
    # cs231n_linear_svm.py with `num_classes = 10`: self.W (D, 10) from train met predict's own
    # docstring X (N, D) as "inner dims D and D differ" (two declarations of D, nothing says they differ)
    text = (HERE / "negatives" / "cs231n_linear_svm.py").read_text(encoding="utf-8")
    fixed = re.sub(r"num_classes = np\.max\(y\) \+ 1.*", "num_classes = 10", text)
    assert fixed != text
    path = tmp_path / "cs231n_linear_svm_fixed_classes.py"
    path.write_text(fixed, encoding="utf-8")
    _check_exactly(path, set())


@pytest.mark.parametrize("path", [_regression_param(p) for p in REGRESSION], ids=lambda p: p.name)
def test_regression_findings_match_markers(path: Path) -> None:
    raw = markers(_raw_text(path))
    assert raw, f"{path.name} has no markers: a correct file belongs in negatives/"
    typos = {code for _, code in raw} - CATALOGUE
    assert not typos, f"marker codes not in the catalogue: {sorted(typos)}"
    report = check_file(path)
    expected = markers(report.program.text)
    # the loaded program keeps every code line: a marker lost in loading would pass silently
    assert len(expected) == len(raw)
    _check_exactly(path, expected)


def test_regression_folder_covers_the_catalogue() -> None:
    codes = {code for p in REGRESSION for _, code in markers(_raw_text(p))}
    wanted = {
        "S101", "S102", "S103", "S104", "S105", "S106", "S107", "S108", "L201", "L202", "L203", "L204", "L205", "L206", "L207", "L208",
        "N301", "N302", "N303", "N304", "N305", "N306", "N307", "N308", "P401", "P402",
        "G501", "G502", "G503",
    }
    assert wanted <= codes, sorted(wanted - codes)
