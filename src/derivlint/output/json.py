"""JSON output: a list with one object per finding (design.md section 3).

Positions are 1-based; ``end_column`` is exclusive. For a notebook, ``cell`` is
the 1-based index in the notebook's cells list and lines count within that cell;
for a ``.py`` file ``cell`` is null.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from derivlint.output import display_path, place, rule_url

if TYPE_CHECKING:
    from derivlint.analysis import FileReport
    from derivlint.findings import Finding, Fix, Span
    from derivlint.sources import Program


def render(reports: Sequence[FileReport]) -> str:
    """The findings of all ``reports`` as an indented JSON list."""
    return json.dumps(findings_as_dicts(reports), indent=2, ensure_ascii=False) + "\n"


def findings_as_dicts(reports: Sequence[FileReport]) -> list[dict[str, Any]]:
    """Plain JSON-ready objects, one per finding, in report order."""
    return [
        finding_as_dict(f, report.program, display_path(report.path))
        for report in reports
        for f in report.findings
    ]


def finding_as_dict(f: Finding, program: Program, path: str) -> dict[str, Any]:
    """One finding as the JSON contract's object."""
    return {
        "path": path,
        **_range(program, f.span),
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "url": rule_url(f.code, f.name),
        "resources": [
            {"id": r.id, "title": r.title, "url": r.url, "section": r.section} for r in f.resources
        ],
        "fix": _fix(f.fix, program),
        "related": [{**_range(program, r.span), "message": r.message} for r in f.related],
    }


def _range(program: Program, span: Span) -> dict[str, Any]:
    start = place(program, span.line, span.col)
    end = place(program, span.end_line, span.end_col)
    return {
        "cell": start.cell,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
    }


def _fix(fix: Fix | None, program: Program) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "title": fix.title,
        "safe": fix.safe,
        "edits": [{**_range(program, e.span), "content": e.new_text} for e in fix.edits],
    }
