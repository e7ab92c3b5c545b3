"""The one analysis API both front ends (CLI and language server) call."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from derivlint.findings import Finding, Span
from derivlint.sources import Program, load_path, program_from_text

if TYPE_CHECKING:
    from derivlint.config import Config
    from derivlint.shapes.facts import Facts
    from derivlint.shapes.session import Session

log = logging.getLogger(__name__)


@dataclass
class FileReport:
    path: str
    program: Program
    findings: list[Finding]
    facts: Facts | None = None
    #: rules that raised while checking this file: (code, error text)
    rule_errors: list[tuple[str, str]] = field(default_factory=list)


def check_file(path: str | Path, config: Config | None = None) -> FileReport:
    """Load and check one ``.py`` / ``.ipynb`` file."""
    return check_program(load_path(str(path)), config)


def check_text(text: str, path: str, config: Config | None = None) -> FileReport:
    """Check in-memory text (an editor buffer); ``path`` decides .py vs .ipynb."""
    return check_program(program_from_text(text, path), config)


def check_program(
    program: Program,
    config: Config | None = None,
    session: Session | None = None,
    cell_done: Callable[[int, FileReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FileReport:
    """Check a program. With a ``session`` (one per open notebook), re-check from the first edited cell.

    ``cell_done(cell index, report)`` then gets an early report as soon as the first
    re-run cell is done: the findings in that cell (and only those). The rules read
    only the facts about that cell for it (``Facts.about``), so it costs the cell, not
    the notebook; a finding placed in the cell from the facts of another (a later cell
    calling into it, N301's division in the next cell) comes with the full report. ``cancelled()`` is
    asked between cells and between rules: when it says yes, the check stops with
    ``shapes.session.Cancelled`` (a newer text is waiting).
    """
    from derivlint.config import Config

    config = config or Config()
    facts = None
    if program.load_error is None and _needs_engine(program):
        if session is not None:
            def early(index: int, about_cell: Facts) -> None:
                if cell_done is not None:
                    cell_done(index, cell_report(program, about_cell, index, config))

            facts = session.analyse(program, early, cancelled)
        else:
            from derivlint.shapes.interpreter import analyse

            facts = analyse(program)
    else:
        from derivlint.shapes.facts import Facts

        facts = Facts(program)
    program.syntax_errors  # noqa: B018  every cell parsed: E001 sees them all
    return _report(program, facts, config, cancelled)


def _report(
    program: Program, facts: Facts, config: Config, cancelled: Callable[[], bool] | None = None
) -> FileReport:
    from derivlint.rules.registry import all_rules
    from derivlint.suppression import apply_suppressions

    findings: list[Finding] = []
    errors: list[tuple[str, str]] = []
    for code, rule_cls in all_rules().items():
        if not config.is_enabled(code, rule_cls.name, program.path):
            continue
        if cancelled is not None and cancelled():
            # every rule over a long notebook takes a while: a newer text need not wait for it
            from derivlint.shapes.checkpoints import Cancelled

            raise Cancelled
        try:
            findings.extend(rule_cls().check(facts))
        except Exception as exc:  # a broken rule never takes the others down
            log.exception("rule %s failed on %s", code, program.path)
            errors.append((code, f"{type(exc).__name__}: {exc}"))
    findings = apply_suppressions(findings, program)
    findings = supersede(findings, {code: rule.supersedes for code, rule in all_rules().items() if rule.supersedes})
    findings = [config.with_severity(f) for f in findings]
    findings.sort(key=lambda f: (f.span, f.code))
    return FileReport(program.path, program, _dedupe(findings), facts, errors)


def supersede(findings: list[Finding], supersedes: dict[str, tuple[str, ...]]) -> list[Finding]:
    """Drop findings that a more specific finding explains (``Rule.supersedes``).

    A finding of a rule that supersedes ``S101`` drops an S101 on its own span, on a span
    enclosing it, or on one of its related spans: one bug, one finding. Runs after the
    suppressions, so a silenced finding replaces nothing.
    """
    replacing = [(f, supersedes[f.code]) for f in findings if f.code in supersedes]
    if not replacing:
        return findings

    def explained(g: Finding) -> bool:
        return any(
            g.code in codes and g is not f
            and (_encloses(g.span, f.span) or any(g.span == r.span for r in f.related))
            for f, codes in replacing
        )

    return [g for g in findings if not explained(g)]


def _encloses(outer: Span, inner: Span) -> bool:
    starts_before = (outer.line, outer.col) <= (inner.line, inner.col)
    return starts_before and (inner.end_line, inner.end_col) <= (outer.end_line, outer.end_col)


def cell_report(program: Program, facts: Facts, index: int, config: Config | None = None) -> FileReport:
    """The findings in code cell ``index`` of a notebook, with the rules reading only the facts about it.

    A rule reports each finding at the node of the fact it found it from (see
    ``Rule.check``), so the findings in a cell come from the facts about the cell:
    ``facts`` may be the whole run's or already ``facts.about`` the cell's lines.
    """
    from derivlint.config import Config

    cell = program.cells[index - 1]
    first = cell.start_line or 1
    last = first + cell.line_count - 1
    report = _report(program, facts.about(first, last), config or Config())
    # E001 reads the program, not the facts: it also reports the other cells' errors
    report.findings = [f for f in report.findings if first <= f.span.line <= last]
    return report


def _needs_engine(program: Program) -> bool:
    # Files that never mention numpy/scipy are only parsed (syntax errors, S107 aside).
    text = program.text
    return "numpy" in text or "scipy" in text or "shape" in text or "np." in text


def _dedupe(findings: list[Finding]) -> list[Finding]:
    # One finding per rule and place: a loop's first pass and its fixpoint pass (or two call
    # sites of one function) can prove the same mistake with differently worded shapes.
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.code, f.span)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
