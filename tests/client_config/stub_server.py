"""A stand-in language server for the editor-config tests.

It records what the client sends (initializationOptions, the answer to
``workspace/configuration`` for section ``derivlint``, opened documents) into a
JSON file, and publishes one diagnostic per opened document once the
configuration has been answered, so a diagnostic in the editor means the record
is complete. The real ``derivlint server`` is tested in
tests/server/; these tests are about the editor configuration files.

Usage: python stub_server.py RECORD.json [ignored args such as --stdio]
"""

import asyncio
import json
import sys

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

RECORD = sys.argv[1]
server = LanguageServer("derivlint-stub", "0")
record: dict = {}
configured = asyncio.Event()


def _dump() -> None:
    with open(RECORD, "w", encoding="utf-8") as file:
        json.dump(record, file)


@server.feature(lsp.INITIALIZE)
def _initialize(params: lsp.InitializeParams) -> None:
    record["initializationOptions"] = params.initialization_options
    _dump()


@server.feature(lsp.INITIALIZED)
async def _initialized(params: lsp.InitializedParams) -> None:
    items = [lsp.ConfigurationItem(section="derivlint")]
    answer = await server.workspace_configuration_async(lsp.ConfigurationParams(items=items))
    record["configuration"] = answer
    _dump()
    configured.set()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
async def _did_open(params: lsp.DidOpenTextDocumentParams) -> None:
    document = params.text_document
    record.setdefault("opened", []).append([document.uri, document.language_id])
    _dump()
    await configured.wait()
    start, end = lsp.Position(line=0, character=0), lsp.Position(line=0, character=1)
    diagnostic = lsp.Diagnostic(
        range=lsp.Range(start=start, end=end), message="stub", code="S101", source="derivlint"
    )
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=document.uri, diagnostics=[diagnostic])
    )


server.start_io()
