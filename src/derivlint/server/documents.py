"""What the editor has open, as programs the analysis API understands.

A *unit* is what is analysed as one program: a text document (``.py``), or a
notebook whose cells arrive through LSP notebook sync. Its key is the document
or notebook URI. ``Snapshot`` freezes the texts the client sent, so a check can
run while more edits arrive.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import Workspace

from derivlint.sources import (
    Program,
    load_path,
    program_from_cells,
    program_from_python,
    program_from_text,
)


@dataclass(frozen=True)
class DocView:
    """One client document: a ``.py`` file or a notebook cell."""

    uri: str
    version: int | None
    text: str  # the client's text

    @cached_property
    def lines(self) -> list[str]:
        """The text split as LSP splits it (as pygls's ``TextDocument.lines``); only the
        documents a position is mapped in need it, not every cell of every snapshot."""
        return self.text.splitlines(True)


@dataclass
class Snapshot:
    key: str  # the document or notebook URI
    path: str
    version: int | None
    #: builds the program; called once, on the checking thread (parsing a long notebook
    #: on the event loop would hold up the next edit)
    make: Callable[[], Program]
    #: cell index (1-based, as in ``Program.cells``) or None for a .py document -> its view
    docs: dict[int | None, DocView] = field(default_factory=dict)
    on_disk: bool = False  # checked from the file, not from an open editor
    #: the program of the same documents with other texts (for "fix all"); None: cannot
    rebuild: Callable[[dict[int | None, str]], Program] | None = None

    @cached_property
    def program(self) -> Program:
        return self.make()

    def doc(self, cell: int | None) -> DocView | None:
        return self.docs.get(cell)

    def cell_of(self, uri: str) -> int | None:
        for cell, view in self.docs.items():
            if view.uri == uri:
                return cell
        return None

    @property
    def uris(self) -> list[str]:
        return [view.uri for view in self.docs.values()]


def path_of(uri: str) -> str:
    """A file-system path for ``uri`` (untitled buffers get a name that says Python)."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path:
        return path
    tail = uri.rsplit("/", 1)[-1].split("?")[0].split("#")[0] or "untitled"
    return tail if tail.endswith((".py", ".ipynb")) else tail + ".py"


def unit_key(workspace: Workspace, uri: str) -> str:
    """The unit a document belongs to: its notebook for a cell, itself otherwise."""
    notebook = workspace.get_notebook_document(cell_uri=uri)
    return notebook.uri if notebook is not None else uri


def is_open(workspace: Workspace, key: str) -> bool:
    if workspace.get_notebook_document(notebook_uri=key) is not None:
        return True
    from urllib.parse import unquote

    return unquote(key) in workspace.text_documents


def snapshot_open(workspace: Workspace, key: str) -> Snapshot | None:
    """The unit ``key`` as the editor has it now, or None when it is not open."""
    notebook = workspace.get_notebook_document(notebook_uri=key)
    if notebook is not None:
        return _notebook_snapshot(workspace, notebook)
    from urllib.parse import unquote

    doc = workspace.text_documents.get(unquote(key))
    if doc is None:
        return None
    path = path_of(key)
    text = doc.source
    if doc.language_id == "python" or not path.endswith(".ipynb"):
        # jupyterlab-lsp sends a notebook as one Python document (its cells joined) under
        # the notebook's own URI: the languageId decides, not the suffix
        ipython = path.endswith(".ipynb")
        make = functools.partial(program_from_python, text, path, ipython=ipython)
        rebuild = functools.partial(_rebuild_python, path=path, ipython=ipython)
    else:  # notebook JSON in a text editor: its positions are not cells' positions
        make = functools.partial(program_from_text, text, path)
        rebuild = None
    view = DocView(key, doc.version, text)
    return Snapshot(key, path, doc.version, make, {None: view}, rebuild=rebuild)


def _rebuild_python(texts: dict[int | None, str], path: str, ipython: bool) -> Program:
    return program_from_python(texts[None], path, ipython=ipython)


def _rebuild_cells(texts: dict[int | None, str], cells: list[tuple[str, str]], path: str) -> Program:
    return program_from_cells([(kind, texts.get(i, text)) for i, (kind, text) in enumerate(cells, 1)], path)


def first_touched(workspace: Workspace, params: types.DidChangeNotebookDocumentParams) -> int | None:
    """The first cell (1-based, in the notebook as changed) a ``didChange`` can have changed.

    None when that is not known (a change of the notebook's metadata alone included).
    """
    notebook = workspace.get_notebook_document(notebook_uri=params.notebook_document.uri)
    cells = params.change.cells
    if notebook is None or cells is None:
        return None
    index = {_unquoted(cell.document): i for i, cell in enumerate(notebook.cells, 1)}
    touched: list[int | None] = []
    if cells.structure is not None:
        touched.append(cells.structure.array.start + 1)
    touched += [index.get(_unquoted(cell.document)) for cell in cells.data or []]
    touched += [index.get(_unquoted(change.document.uri)) for change in cells.text_content or []]
    if not touched or None in touched:
        return None
    return min(t for t in touched if t is not None)


def snapshot_file(uri: str) -> Snapshot:
    """A file that is not open, read from disk."""
    path = path_of(uri)
    return Snapshot(uri, path, None, functools.partial(load_path, path), {}, on_disk=True)


def uri_of(path: str) -> str:
    return from_fs_path(path) or path


def _notebook_snapshot(workspace: Workspace, notebook: types.NotebookDocument) -> Snapshot:
    cells: list[tuple[str, str]] = []
    views: dict[int | None, DocView] = {}
    for index, cell in enumerate(notebook.cells, 1):
        doc = workspace.text_documents.get(_unquoted(cell.document))
        text = doc.source if doc is not None else ""
        language = doc.language_id if doc is not None else None
        if cell.kind == types.NotebookCellKind.Markup:
            kind = "markdown"
        elif language in (None, "python"):
            kind = "code"
        else:  # an R or SQL cell is not Python: kept in the numbering, not analysed
            kind = "raw"
        cells.append((kind, text))
        views[index] = DocView(cell.document, doc.version if doc is not None else None, text)
    path = path_of(notebook.uri)
    if not path.endswith(".ipynb"):
        path += ".ipynb"
    make = functools.partial(program_from_cells, cells, path)
    rebuild = functools.partial(_rebuild_cells, cells=cells, path=path)
    return Snapshot(notebook.uri, path, notebook.version, make, views, rebuild=rebuild)


@functools.lru_cache(maxsize=8192)
def _unquoted(uri: str) -> str:
    """``uri`` unquoted (cached: a notebook snapshot looks up every cell on every edit)."""
    from urllib.parse import unquote

    return unquote(uri)
