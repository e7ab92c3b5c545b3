"""Inlay hints: the inferred shape after assignment targets and unannotated parameters."""

from __future__ import annotations

from lsprotocol import types

from derivlint.findings import Span
from derivlint.insight import shape_hints
from derivlint.server.checker import Checked


def inlay_hints(checked: Checked, uri: str, visible: types.Range) -> list[types.InlayHint]:
    out = []
    for hint in shape_hints(checked.report):
        where, range_, _ = checked.mapper.location(Span(hint.line, hint.col, hint.line, hint.col))
        if where != uri or not visible.start.line <= range_.start.line <= visible.end.line:
            continue
        out.append(
            types.InlayHint(
                position=range_.start,
                label=f"▸ {hint.label}",
                kind=types.InlayHintKind.Type,
                padding_left=True,
            )
        )
    return out
