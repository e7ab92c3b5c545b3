"""Edits that fixes are made of: choosing the ones to apply, and ``# noqa`` comments.

Edits are in program coordinates (``findings.Span``); each front end turns
them into what it writes (text edits for the server, file bytes for the CLI).
"""

from __future__ import annotations

import ast
import re

from derivlint.findings import Edit, Finding, Fix, Span
from derivlint.sources import Program
from derivlint.suppression import comments_by_line

_NOQA_CODES = re.compile(r"(#\s*noqa\s*:\s*[\w-]+(?:[\s,]+[\w-]+)*)", re.IGNORECASE)
_BARE_NOQA = re.compile(r"#\s*noqa(?![\w-])(?!\s*:)", re.IGNORECASE)


def safe_edits(findings: list[Finding]) -> list[Edit]:
    """The edits of every safe fix, in order, leaving out any fix that overlaps one before it."""
    return [edit for fix in chosen_fixes(findings) for edit in fix.edits]


def chosen_fixes(findings: list[Finding], unsafe: bool = False) -> list[Fix]:
    """The safe fixes (and unsafe ones too if ``unsafe``), in order, none overlapping one before it."""
    chosen: list[Fix] = []
    taken: list[Span] = []
    for finding in sorted(findings, key=lambda f: f.span):
        fix = finding.fix
        if fix is None or not (fix.safe or unsafe) or not fix.edits:
            continue
        if any(_overlap(e.span, t) or e.span == t for e in fix.edits for t in taken):
            continue  # applied on a later run, once this one's result is re-checked
        chosen.append(fix)
        taken.extend(e.span for e in fix.edits)
    return chosen


def noqa_edit(program: Program, finding: Finding) -> Edit | None:
    """The edit that silences ``finding`` with ``# noqa: CODE`` on its line; None if it cannot."""
    line = finding.span.line
    lines = program.lines
    if not 0 < line <= len(lines) or line in program.masked_lines or _inside_string(program.statements_at({line}), line):
        return None
    text = lines[line - 1]
    comment = comments_by_line(text).get(1)
    end = len(text)
    if comment is None:
        stripped = len(text.rstrip())
        return Edit(Span(line, stripped, line, end), f"  # noqa: {finding.code}")
    start = end - len(comment)
    if _BARE_NOQA.search(comment):
        return None  # a bare noqa already silences everything
    match = _NOQA_CODES.search(comment)
    if match is not None:
        at = start + match.end()
        return Edit(Span(line, at, line, at), f", {finding.code}")
    return Edit(Span(line, len(text.rstrip()), line, end), f"  # noqa: {finding.code}")


def _overlap(a: Span, b: Span) -> bool:
    return (a.line, a.col) < (b.end_line, b.end_col) and (b.line, b.col) < (a.end_line, a.end_col)


def _inside_string(statements: list[ast.stmt], line: int) -> bool:
    """Whether ``line`` ends inside a multi-line string (a comment there would change the string)."""
    for node in (n for stmt in statements for n in ast.walk(stmt)):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and isinstance(getattr(node, "value", ""), str):
            first, last = node.lineno, node.end_lineno or node.lineno
            if first <= line < last:
                return True
    return False
