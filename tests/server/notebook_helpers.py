"""Drive LSP 3.17 notebook sync the way VS Code does: one URI per cell, structure changes."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from lsprotocol import types
from pytest_lsp import LanguageClient

_ids = itertools.count()


@dataclass
class Cell:
    uri: str
    kind: str  # "code" | "markdown"
    text: str
    version: int = 1


@dataclass
class Notebook:
    """A notebook open in ``client``; methods send what an editor sends and keep a local copy."""

    client: LanguageClient
    uri: str
    cells: list[Cell] = field(default_factory=list)
    version: int = 1

    @classmethod
    def open(cls, client: LanguageClient, path: str, cells: list[tuple[str, str]]) -> Notebook:
        nb = cls(client, f"file://{path}")
        nb.cells = [nb._new_cell(kind, text) for kind, text in cells]
        client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=nb.uri, notebook_type="jupyter-notebook", version=nb.version,
                    cells=[_lsp_cell(c) for c in nb.cells],
                ),
                cell_text_documents=[_item(c) for c in nb.cells],
            )
        )
        return nb

    def _new_cell(self, kind: str, text: str) -> Cell:
        path = self.uri.removeprefix("file://")
        return Cell(f"vscode-notebook-cell:{path}#W{next(_ids)}sZmlsZQ%3D%3D", kind, text)

    def uri_of(self, index: int) -> str:
        """The URI of the cell at 0-based ``index``."""
        return self.cells[index].uri

    def edit(self, index: int, text: str) -> Cell:
        """Replace the whole text of cell ``index``."""
        cell = self.cells[index]
        cell.text, cell.version = text, cell.version + 1
        whole = types.TextDocumentContentChangeWholeDocument(text=text)
        self._change(text_content=[types.NotebookDocumentCellContentChanges(
            document=types.VersionedTextDocumentIdentifier(uri=cell.uri, version=cell.version), changes=[whole])])
        return cell

    def insert(self, index: int, kind: str, text: str) -> Cell:
        cell = self._new_cell(kind, text)
        self.cells.insert(index, cell)
        self._structure(index, 0, [cell], opened=[cell], closed=[])
        return cell

    def delete(self, index: int) -> Cell:
        cell = self.cells.pop(index)
        self._structure(index, 1, [], opened=[], closed=[cell])
        return cell

    def move(self, old: int, new: int) -> None:
        """VS Code sends a move as a delete and an insert of the same cell document."""
        cell = self.cells.pop(old)
        self._structure(old, 1, [], opened=[], closed=[])
        self.cells.insert(new, cell)
        self._structure(new, 0, [cell], opened=[], closed=[])

    def retype(self, index: int, kind: str) -> Cell:
        """Change a cell's kind (code <-> markdown): VS Code replaces the cell with a new document."""
        old = self.cells[index]
        new = self._new_cell(kind, old.text)
        self.cells[index] = new
        self._structure(index, 1, [new], opened=[new], closed=[old])
        return new

    def set_kind(self, index: int, kind: str) -> None:
        """Change a cell's kind in place (``cells.data``: the same document, another kind)."""
        cell = self.cells[index]
        cell.kind = kind
        self._change(data=[_lsp_cell(cell)])

    def close(self) -> None:
        self.client.notebook_document_did_close(
            types.DidCloseNotebookDocumentParams(
                notebook_document=types.NotebookDocumentIdentifier(uri=self.uri),
                cell_text_documents=[types.TextDocumentIdentifier(uri=c.uri) for c in self.cells],
            )
        )

    def _structure(self, start: int, delete: int, cells: list[Cell], opened: list[Cell], closed: list[Cell]) -> None:
        structure = types.NotebookDocumentCellChangeStructure(
            array=types.NotebookCellArrayChange(start=start, delete_count=delete, cells=[_lsp_cell(c) for c in cells]),
            did_open=[_item(c) for c in opened] or None,
            did_close=[types.TextDocumentIdentifier(uri=c.uri) for c in closed] or None,
        )
        self._change(structure=structure)

    def _change(self, **cells) -> None:
        self.version += 1
        self.client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(uri=self.uri, version=self.version),
                change=types.NotebookDocumentChangeEvent(cells=types.NotebookDocumentCellChanges(**cells)),
            )
        )


def _lsp_cell(cell: Cell) -> types.NotebookCell:
    kind = types.NotebookCellKind.Code if cell.kind == "code" else types.NotebookCellKind.Markup
    return types.NotebookCell(kind=kind, document=cell.uri)


def _item(cell: Cell) -> types.TextDocumentItem:
    language = "python" if cell.kind == "code" else "markdown"
    return types.TextDocumentItem(uri=cell.uri, language_id=language, version=cell.version, text=cell.text)
