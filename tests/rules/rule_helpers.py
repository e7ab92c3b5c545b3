"""Check rule snippets against their inline ``# expect: CODE`` markers.

A distinct module name (not ``helpers``): test folders have no ``__init__.py``,
so every helper module shares one top-level namespace with the other folders'.

A case reads as one unit: the code, and on each line where a finding is due a
trailing ``# expect: S101`` (several codes: ``# expect: S101, S106``). The
marker is found anywhere on the line, so it also works on the first line of a
docstring and after a ``# shape:`` comment (the comment reader stops at a
second ``#``).
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from derivlint.analysis import FileReport, cell_report, check_program, check_text
from derivlint.findings import Finding
from derivlint.rules.registry import all_rules
from derivlint.sources import program_from_cells

_MARKER = re.compile(r"#\s*expect:\s*([A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)")

#: rule families a suite owns when it is not ``tests/rules/test_<family letter>NNN.py``
FAMILIES = ("S", "E")


def _caller_families() -> tuple[str, ...]:
    """``test_n301.py`` owns N (and E); findings of other families are other suites' business."""
    for frame in inspect.stack()[2:]:
        match = re.fullmatch(r"test_([a-z])\d{3}\w*\.py", Path(frame.filename).name)
        if match and match.group(1) != "e":  # E tests check E findings beside S ones
            return (match.group(1).upper(), "E")
    return FAMILIES


def markers(text: str) -> set[tuple[int, str]]:
    """``(line, code)`` for every ``# expect:`` marker of ``text`` (lines 1-based)."""
    found: set[tuple[int, str]] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        match = _MARKER.search(line)
        if match:
            found.update((number, code.strip()) for code in match.group(1).split(","))
    return found


def _owned(findings: Iterable[Finding], families: Sequence[str]) -> list[Finding]:
    return [f for f in findings if f.code.startswith(tuple(families))]


def _describe(findings: Iterable[Finding], where: Callable[[Finding], str]) -> str:
    lines = [f"  {where(f)} {f.code} {f.message}" for f in findings]
    return "\n".join(lines) or "  (none)"


def assert_expected(code: str, *, families: Sequence[str] | None = None) -> FileReport:
    """Check ``code`` as a ``.py`` file; its findings must be exactly its ``# expect:`` markers."""
    families = families or _caller_families()
    code = textwrap.dedent(code)
    report = check_text(code, "case.py")
    assert not report.rule_errors, f"rules raised: {report.rule_errors}"
    findings = _owned(report.findings, families)
    got = {(f.span.line, f.code) for f in findings}
    want = markers(code)
    assert got == want, (
        f"missing {sorted(want - got)}, unexpected {sorted(got - want)}\n"
        f"findings:\n{_describe(findings, lambda f: f'line {f.span.line}:')}\n"
        f"code:\n{_numbered(code)}"
    )
    return report


def assert_expected_cells(
    cells: list[tuple[str, str]], *, families: Sequence[str] | None = None
) -> FileReport:
    """Check a notebook given as ``(kind, source)`` cells; markers are read from code cells.

    Findings are compared as ``(cell index, line in cell, code)``; cell indexes are
    1-based over all cells (markdown counts), as ``Program.locate`` reports them.
    """
    families = families or _caller_families()
    cells = [(kind, textwrap.dedent(source)) for kind, source in cells]
    program = program_from_cells(cells, "nb.ipynb")
    report = check_program(program)
    assert not report.rule_errors, f"rules raised: {report.rule_errors}"
    findings = _owned(report.findings, families)

    def where(f: Finding) -> tuple[int | None, int]:
        cell, line, _ = program.locate(f.span.line, f.span.col)
        return cell, line

    got = {(*where(f), f.code) for f in findings}
    want = {
        (index, line, rule)
        for index, (kind, source) in enumerate(cells, start=1)
        if kind == "code"
        for line, rule in markers(source)
    }
    listing = "\n".join(
        f"--- cell {i} ({k})\n{_numbered(s)}" for i, (k, s) in enumerate(cells, start=1)
    )
    assert got == want, (
        f"missing {sorted(want - got)}, unexpected {sorted(got - want)} as (cell, line, code)\n"
        f"findings:\n{_describe(findings, lambda f: 'cell {} line {}:'.format(*where(f)))}\n"
        f"cells:\n{listing}"
    )
    _assert_cells_stand_alone(program, report)
    return report


def _assert_cells_stand_alone(program, report: FileReport) -> None:
    """A cell's early report (the rules over the facts about that cell alone, as the language
    server shows an edited cell before the cells after it are re-checked) never shows a finding
    the whole check does not: each is in the whole report at the same place, or is an S101 that
    a finding of the whole report supersedes there. It may lack findings reported in the cell
    from facts of other cells (rules.md puts N301 at the exp, N308 at the np.empty, G502 at the
    y - p): those follow with the rest of the notebook.
    """
    assert report.facts is not None
    whole = {(f.code, f.span) for f in report.findings}
    superseding = {f.span for f in report.findings if f.code in _SUPERSEDING}
    for cell in program.cells:
        if cell.start_line is None:
            continue
        alone = {(f.code, f.span) for f in cell_report(program, report.facts, cell.index).findings}
        extra = {(code, span) for code, span in alone - whole if not (code == "S101" and span in superseding)}
        assert not extra, (
            f"cell {cell.index}: the rules over the facts about this cell alone report {sorted(extra)}, "
            f"which the whole check does not"
        )


_SUPERSEDING = {code for code, rule in all_rules().items() if rule.supersedes}


def only(report: FileReport, code: str) -> Finding:
    """The one finding of ``code`` in ``report``."""
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, f"expected one {code}, got {[(f.span.line, f.message) for f in found]}"
    return found[0]


def _numbered(text: str) -> str:
    return "\n".join(f"{i:3} | {line}" for i, line in enumerate(text.split("\n"), start=1))
