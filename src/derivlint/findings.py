"""Plain data that rules produce and front ends render.

All positions here are *program* coordinates: ``line`` is 1-based in the
program text the engine analysed (for a notebook: the code cells joined in
document order), ``col`` is a 0-based offset in code points (not UTF-8 bytes,
not UTF-16 units). ``sources.Program.locate`` turns them into what users see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Span:
    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(frozen=True)
class Edit:
    """Replace the text at ``span`` (program coordinates) with ``new_text``."""

    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    safe: bool
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Related:
    span: Span
    message: str


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    url: str
    section: str = ""


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    span: Span
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    resources: tuple[Resource, ...] = field(default=())
