"""The language server: each LSP feature is a short handler over the analysis API."""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from derivlint import __version__
from derivlint.server import actions, hover, inlay, workspace_files
from derivlint.server.checker import Checker
from derivlint.server.documents import first_touched, snapshot_open, unit_key
from derivlint.server.protocol import DerivlintProtocol
from derivlint.server.settings import parse_settings

log = logging.getLogger(__name__)
T = TypeVar("T")

NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithCells(
            notebook=types.NotebookDocumentFilterNotebookType(notebook_type="jupyter-notebook"),
            cells=[types.NotebookCellLanguage(language="python"), types.NotebookCellLanguage(language="markdown")],
        )
    ]
)
FIX_ALL = "source.fixAll.derivlint"
OPEN_READING = "derivlint.openReading"


class DerivlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "derivlint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=NOTEBOOK_SYNC,
            protocol_cls=DerivlintProtocol,
        )
        self.checker = Checker(self.text_document_publish_diagnostics, self.log)
        self.checker.codec_source = lambda: self.workspace.position_codec
        self.initialization_options: Any = None

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        log.info("%s", message)
        with contextlib.suppress(Exception):  # no client to tell (shutting down)
            self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log a failure outside any request (pygls pops up a message box; a log line is enough)."""
        self.log(f"derivlint: internal error ({source.__name__}): {error}", types.MessageType.Error)

    def supports_document_changes(self) -> bool:
        workspace = self.client_capabilities.workspace
        edit = workspace.workspace_edit if workspace else None
        return bool(edit and edit.document_changes)

    def check_open(self, uri: str, touched: int | None = None) -> None:
        key = unit_key(self.workspace, uri)
        self.checker.request(key, lambda: snapshot_open(self.workspace, key), touched)


server = DerivlintServer()


def answers_none_on_failure(handler: Callable[..., Awaitable[T | None]]) -> Callable[..., Awaitable[T | None]]:
    """A bug in a hover, inlay-hint or code-action handler is logged; the editor gets no answer
    for that one request (not an error pop-up), and the server goes on."""

    @functools.wraps(handler)
    async def wrapper(ls: DerivlintServer, params: Any) -> T | None:
        try:
            return await handler(ls, params)
        except Exception as exc:
            log.exception("%s failed", handler.__name__)
            ls.log(f"derivlint: internal error in {handler.__name__}: {type(exc).__name__}: {exc}",
                   types.MessageType.Error)
            return None

    return wrapper


@server.feature(types.INITIALIZE)
def initialize(ls: DerivlintServer, params: types.InitializeParams) -> None:
    ls.initialization_options = params.initialization_options
    ls.checker.configure(parse_settings(params.initialization_options))


@server.feature(types.INITIALIZED)
async def initialized(ls: DerivlintServer, params: types.InitializedParams) -> None:
    await workspace_files.pull_settings(ls)
    await workspace_files.register_watchers(ls)
    workspace_files.scan(ls)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: DerivlintServer, params: types.DidChangeConfigurationParams) -> None:
    await workspace_files.pull_settings(ls, params.settings)
    workspace_files.recheck_all(ls)


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
def did_change_workspace_folders(ls: DerivlintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    workspace_files.folders_changed(ls, params.event)  # pygls has updated ls.workspace.folders


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: DerivlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    workspace_files.files_changed(ls, params.changes)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: DerivlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.check_open(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: DerivlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.check_open(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: DerivlintServer, params: types.DidCloseTextDocumentParams) -> None:
    workspace_files.closed(ls, params.text_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
def notebook_did_open(ls: DerivlintServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.check_open(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
def notebook_did_change(ls: DerivlintServer, params: types.DidChangeNotebookDocumentParams) -> None:
    ls.check_open(params.notebook_document.uri, first_touched(ls.workspace, params))


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
def notebook_did_close(ls: DerivlintServer, params: types.DidCloseNotebookDocumentParams) -> None:
    workspace_files.closed(ls, params.notebook_document.uri)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@answers_none_on_failure
async def on_hover(ls: DerivlintServer, params: types.HoverParams) -> types.Hover | None:
    checked = await ls.checker.fresh(unit_key(ls.workspace, params.text_document.uri))
    return hover.hover(checked, params.text_document.uri, params.position) if checked else None


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False),
)
@answers_none_on_failure
async def on_code_action(ls: DerivlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    checked = await ls.checker.fresh(unit_key(ls.workspace, params.text_document.uri))
    if checked is None:
        return None
    fixed = None
    if actions.wants_fix_all(params, FIX_ALL):
        fixed = await ls.checker.fixed_texts(checked)
    return actions.code_actions(checked, params, OPEN_READING, FIX_ALL, ls.supports_document_changes(), fixed)


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
@answers_none_on_failure
async def on_inlay_hint(ls: DerivlintServer, params: types.InlayHintParams) -> list[types.InlayHint] | None:
    checked = await ls.checker.fresh(unit_key(ls.workspace, params.text_document.uri))
    if checked is None or not ls.checker.config_for(checked.snapshot.path).inlay_hints:
        return None
    return inlay.inlay_hints(checked, params.text_document.uri, params.range)


@server.command(OPEN_READING)
async def open_reading(ls: DerivlintServer, url: str) -> bool:
    """Open a reading-path resource in the user's browser (``window/showDocument``)."""
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        ls.log(f"derivlint: not a resource address: {url!r}", types.MessageType.Warning)
        return False
    window = ls.client_capabilities.window
    if window is not None and window.show_document is not None and window.show_document.support:
        try:
            result = await ls.window_show_document_async(types.ShowDocumentParams(uri=url, external=True))
            if result is not None and result.success:
                return True
        except Exception as exc:  # noqa: BLE001  the client failed it: say where to read instead
            log.info("window/showDocument failed: %s", exc)
    # a client that cannot open it (Emacs' eglot): the address, for the user to follow
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=f"derivlint reading: {url}"))
    return False


@server.feature(types.SHUTDOWN)
def on_shutdown(ls: DerivlintServer, params: Any = None) -> None:
    ls.checker.shutdown()


