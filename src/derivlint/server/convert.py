"""Findings and fixes as LSP diagnostics and workspace edits."""

from __future__ import annotations

from lsprotocol import types

from derivlint.findings import Edit, Finding
from derivlint.rules.base import DOCS_BASE
from derivlint.server.positions import Mapper

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def diagnostics(
    findings: list[Finding], mapper: Mapper, uris: list[str] | None = None
) -> dict[str, list[types.Diagnostic]]:
    """The unit's findings grouped by the document (file or cell URI) they belong to.

    Every document in ``uris`` (default: each of the unit's) gets a list, empty if need be.
    """
    out: dict[str, list[types.Diagnostic]] = {uri: [] for uri in (mapper.snapshot.uris if uris is None else uris)}
    for finding in findings:
        uri, range_, cell = mapper.location(finding.span)
        message = finding.message
        if cell is not None and mapper.snapshot.doc(cell) is None:
            # a notebook that is not open: say where, since the range cannot
            _, line, _col = mapper.snapshot.program.locate(finding.span.line, finding.span.col)
            message = f"cell {cell}, line {line}: {message}"
        related = []
        for rel in finding.related:
            rel_uri, rel_range, _ = mapper.location(rel.span)
            info = types.DiagnosticRelatedInformation(types.Location(rel_uri, rel_range), rel.message)
            if info not in related:  # `μ @ μ`: one origin, told once
                related.append(info)
        out.setdefault(uri, []).append(
            types.Diagnostic(
                range=range_,
                message=message,
                severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
                code=finding.code,
                code_description=types.CodeDescription(href=f"{DOCS_BASE}{finding.name}/"),
                source="derivlint",
                related_information=related or None,
                data={"name": finding.name},
            )
        )
    return out


def text_edits(edits: tuple[Edit, ...] | list[Edit], mapper: Mapper) -> dict[str, list[types.TextEdit]] | None:
    """Program-coordinate edits as text edits per document URI; None if one has no place in
    the client's documents (a notebook open as JSON text: its cells are no documents)."""
    changes: dict[str, list[types.TextEdit]] = {}
    for edit in edits:
        uri, range_, cell = mapper.location(edit.span)
        if mapper.snapshot.doc(cell) is None:
            return None
        changes.setdefault(uri, []).append(types.TextEdit(range_, edit.new_text))
    return changes


def replace_text(old_lines: list[str], new: str, mapper: Mapper) -> types.TextEdit:
    """One edit turning a document (its ``old_lines``) into ``new``: the part between what they share
    at the start and at the end, so the editor keeps its cursor and folds elsewhere."""
    old = "".join(old_lines)
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return types.TextEdit(
        types.Range(_position(old_lines, head, mapper), _position(old_lines, len(old) - tail, mapper)),
        new[head:len(new) - tail],
    )


def _position(lines: list[str], offset: int, mapper: Mapper) -> types.Position:
    for number, line in enumerate(lines):
        if offset <= len(line) and not (offset == len(line) and line.endswith(("\n", "\r"))):
            return types.Position(number, mapper.units(lines, number + 1, offset))
        offset -= len(line)
    return types.Position(len(lines), 0)


def workspace_edit(changes: dict[str, list[types.TextEdit]], versions: dict[str, int | None]) -> types.WorkspaceEdit:
    """Versioned edits (the client rejects them if the document moved on) where versions are known."""
    document_changes: list[types.TextDocumentEdit] = []
    for uri, edits in changes.items():
        identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=versions.get(uri))
        document_changes.append(types.TextDocumentEdit(identifier, list(edits)))
    return types.WorkspaceEdit(document_changes=document_changes)


def same_place(diagnostic: types.Diagnostic, finding_range: types.Range, code: str) -> bool:
    return diagnostic.code == code and diagnostic.range == finding_range
