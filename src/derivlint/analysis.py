"""The one analysis API both front ends (CLI and language server) call."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from derivlint.findings import Finding
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
    re-run cell is done: the findings in that cell (and only those), final unless a
    later cell calls into it. The rules read only the facts about that cell for it
    (``Facts.about``), so it costs the cell, not the notebook. ``cancelled()`` is
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
    findings = [config.with_severity(f) for f in findings]
    findings.sort(key=lambda f: (f.span, f.code))
    return FileReport(program.path, program, _dedupe(findings), facts, errors)


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
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.code, f.span, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
