"""Apply LSP text edits the way an editor does, to check what a code action really changes."""

from __future__ import annotations

from lsprotocol import types


def offset(text: str, position: types.Position, encoding: str = "utf-16") -> int:
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units >= position.character:
            return start + i
        units += len(ch.encode(encoding.replace("utf-16", "utf-16-le"))) // (2 if encoding == "utf-16" else 1)
    return start + len(line.rstrip("\r\n")) if units < position.character else start + len(line)


def apply(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    spans = sorted(((offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_for(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    out: list[types.TextEdit] = list((edit.changes or {}).get(uri, []))
    for change in edit.document_changes or []:
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri:
            out.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    return out
