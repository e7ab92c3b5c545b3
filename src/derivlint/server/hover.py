"""Hover: the shape under the cursor with where it came from; on a finding, the rule's explanation."""

from __future__ import annotations

from lsprotocol import types

from derivlint.insight import shape_at
from derivlint.output.rule_page import rule_explanation
from derivlint.rules.registry import get_rule
from derivlint.server.checker import Checked


def hover(checked: Checked, uri: str, position: types.Position) -> types.Hover | None:
    at = checked.mapper.to_program(uri, position)
    if at is None:
        return None
    line, col = at
    parts: list[str] = []
    for finding in checked.report.findings:
        s = finding.span
        if (s.line, s.col) <= (line, col) <= (s.end_line, s.end_col):
            rule = get_rule(finding.code)
            parts.append(f"{finding.message}\n\n" + (rule_explanation(rule) if rule else ""))
    info = shape_at(checked.report, line, col)
    hover_range = None
    if info is not None:
        dtype = f" {info.dtype}" if info.dtype else ""
        where = f" — {info.provenance}" if info.provenance else ""
        parts.insert(0, f"`{info.text}`: **{info.shape}**{dtype}{where}")
        _, hover_range, _ = checked.mapper.location(info.span)
    if not parts:
        return None
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts))
    return types.Hover(contents=content, range=hover_range)
