"""A real LSP connection to ``python -m derivlint server`` (pytest-lsp), and helpers to drive it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any, Union

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

#: how long a test waits for the server before it fails
TIMEOUT = 20.0


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "derivlint", "server"]),
)
async def client(lsp_client: LanguageClient):
    prepare(lsp_client)
    yield lsp_client
    await lsp_client.shutdown_session()


def prepare(client: LanguageClient) -> None:
    """Accept dynamic registrations (kept in ``client.registrations``) and read code actions right."""
    client.registrations: list[types.Registration] = []  # type: ignore[attr-defined]
    _read_code_actions_as_editors_do(client)
    # every publish in order, not only the latest per document (pytest-lsp keeps those)
    client.publishes: list[types.PublishDiagnosticsParams] = []  # type: ignore[attr-defined]
    features = client.protocol.fm.features
    keep_latest = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(params: types.PublishDiagnosticsParams) -> None:
        client.publishes.append(params)  # type: ignore[attr-defined]
        keep_latest(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


def _read_code_actions_as_editors_do(client: LanguageClient) -> None:
    """lsprotocol 2025.0 reads any code action that has a ``command`` as a bare Command.

    A CodeAction's ``command`` is an object, a Command's is a string: VS Code and
    Neovim tell them apart that way, and so does this test client.
    """
    converter = client.protocol._converter

    def structure(obj: Any, _: type) -> types.Command | types.CodeAction:
        kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        return converter.structure(obj, kind)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], structure)  # noqa: UP007


async def start(
    client: LanguageClient,
    root: Path | None = None,
    *,
    profile: str = "visual-studio-code",
    settings: dict[str, Any] | None = None,
    encodings: list[str] | None = None,
) -> types.InitializeResult:
    """``initialize`` + ``initialized`` as ``profile`` would send them, rooted at ``root``."""
    caps = client_capabilities(profile)
    if encodings is not None:
        caps.general = types.GeneralClientCapabilities(position_encodings=encodings)
    if settings is not None:
        client.set_configuration(settings, section="derivlint")
    folders = [types.WorkspaceFolder(uri=root.as_uri(), name=root.name)] if root else None
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            root_uri=root.as_uri() if root else None,
            workspace_folders=folders,
        )
    )


async def until(check, timeout: float = TIMEOUT) -> None:
    """Wait until ``check()`` is true (the server's notifications arrive asynchronously)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not check():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the server")
        await asyncio.sleep(0.02)


def codes(client: LanguageClient, uri: str) -> list[str]:
    return sorted(str(d.code) for d in client.diagnostics.get(uri, []))


def open_py(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="python", version=version, text=text))
    )


def change_py(client: LanguageClient, uri: str, version: int, text: str, range_: types.Range | None = None) -> None:
    change: Any = (
        types.TextDocumentContentChangePartial(range=range_, text=text)
        if range_ is not None
        else types.TextDocumentContentChangeWholeDocument(text=text)
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[change],
        )
    )
