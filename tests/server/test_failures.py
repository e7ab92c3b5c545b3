"""A bug in a request handler: logged, the request answered with nothing, the server goes on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.server.conftest import change_py, codes, open_py, prepare, start, until
from tests.server.test_text_documents import BUG_CODE, BUGGY

BROKEN_HANDLERS = (
    "import sys\n"
    "from derivlint.server import actions, hover, inlay\n"
    "def boom(*args, **kwargs):\n"
    "    raise RuntimeError('handler bug')\n"
    "hover.hover = inlay.inlay_hints = actions.code_actions = boom\n"
    "from derivlint.server import main\n"
    "sys.exit(main([]))\n"
)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-c", BROKEN_HANDLERS]))
async def broken(lsp_client: LanguageClient):
    prepare(lsp_client)
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_failing_hover_inlay_and_code_action_handlers(broken, tmp_path: Path) -> None:
    await start(broken, tmp_path, settings={"diagnosticsScope": "openFiles"})
    uri = (tmp_path / "a.py").as_uri()
    open_py(broken, uri, BUGGY)
    await until(lambda: codes(broken, uri) == [BUG_CODE])
    doc = types.TextDocumentIdentifier(uri)
    everything = types.Range(types.Position(0, 0), types.Position(9, 0))
    assert await broken.text_document_hover_async(types.HoverParams(doc, types.Position(5, 30))) is None
    assert await broken.text_document_inlay_hint_async(types.InlayHintParams(doc, everything)) is None
    assert await broken.text_document_code_action_async(types.CodeActionParams(
        doc, everything, types.CodeActionContext(diagnostics=broken.diagnostics[uri]))) is None
    logged = [m for m in broken.log_messages if m.type == types.MessageType.Error]
    for handler in ("on_hover", "on_inlay_hint", "on_code_action"):
        assert any(f"internal error in {handler}: RuntimeError: handler bug" in m.message for m in logged)
    # diagnostics go on: an edit is still checked
    change_py(broken, uri, 2, BUGGY.replace("X @ y", "X.T @ y"))
    await until(lambda: codes(broken, uri) == [])
