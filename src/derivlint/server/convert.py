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
            related.append(types.DiagnosticRelatedInformation(types.Location(rel_uri, rel_range), rel.message))
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


def text_edits(edits: tuple[Edit, ...] | list[Edit], mapper: Mapper) -> dict[str, list[types.TextEdit]]:
    """Program-coordinate edits as text edits per document URI."""
    changes: dict[str, list[types.TextEdit]] = {}
    for edit in edits:
        uri, range_, _ = mapper.location(edit.span)
        changes.setdefault(uri, []).append(types.TextEdit(range_, edit.new_text))
    return changes


def workspace_edit(changes: dict[str, list[types.TextEdit]], versions: dict[str, int | None]) -> types.WorkspaceEdit:
    """Versioned edits (the client rejects them if the document moved on) where versions are known."""
    document_changes: list[types.TextDocumentEdit] = []
    for uri, edits in changes.items():
        identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=versions.get(uri))
        document_changes.append(types.TextDocumentEdit(identifier, list(edits)))
    return types.WorkspaceEdit(document_changes=document_changes)


def same_place(diagnostic: types.Diagnostic, finding_range: types.Range, code: str) -> bool:
    return diagnostic.code == code and diagnostic.range == finding_range
