"""Multi-root workspaces: each folder scanned with its own [tool.derivlint]; folders added and removed;
the diagnostics scope switched while the server runs."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pytest_lsp import client_capabilities

from tests.server.conftest import codes, open_py, until
from tests.server.test_text_documents import BUG_CODE, BUGGY


def _folder(root: Path, name: str, pyproject: str | None = None) -> types.WorkspaceFolder:
    folder = root / name
    folder.mkdir()
    (folder / "ols.py").write_text(BUGGY)
    if pyproject is not None:
        (folder / "pyproject.toml").write_text(pyproject)
    return types.WorkspaceFolder(uri=folder.as_uri(), name=name)


async def _start(client, folders: list[types.WorkspaceFolder], settings: dict | None = None) -> None:
    if settings is not None:
        client.set_configuration(settings, section="derivlint")
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=folders[0].uri, workspace_folders=folders))


def _file(folder: types.WorkspaceFolder) -> str:
    return f"{folder.uri}/ols.py"


async def test_every_folder_is_scanned_with_its_own_config(client, tmp_path: Path) -> None:
    a = _folder(tmp_path, "a")
    b = _folder(tmp_path, "b", '[tool.derivlint]\nseverity = {L201 = "info"}\n')
    await _start(client, [a, b])
    await until(lambda: codes(client, _file(a)) == [BUG_CODE] and codes(client, _file(b)) == [BUG_CODE])
    assert client.diagnostics[_file(a)][0].severity == types.DiagnosticSeverity.Error
    assert client.diagnostics[_file(b)][0].severity == types.DiagnosticSeverity.Information


async def test_an_added_folder_is_scanned_and_a_removed_one_cleared(client, tmp_path: Path) -> None:
    a, b = _folder(tmp_path, "a"), _folder(tmp_path, "b")
    await _start(client, [a])
    await until(lambda: codes(client, _file(a)) == [BUG_CODE])
    assert _file(b) not in client.diagnostics
    open_py(client, f"{a.uri}/open.py", BUGGY)  # open files stay, whatever their folder
    await until(lambda: codes(client, f"{a.uri}/open.py") == [BUG_CODE])
    client.workspace_did_change_workspace_folders(types.DidChangeWorkspaceFoldersParams(
        types.WorkspaceFoldersChangeEvent(added=[b], removed=[a])))
    await until(lambda: codes(client, _file(b)) == [BUG_CODE])
    await until(lambda: codes(client, _file(a)) == [])
    assert codes(client, f"{a.uri}/open.py") == [BUG_CODE]


async def test_switching_the_scope_clears_and_rescans_closed_files(client, tmp_path: Path) -> None:
    a = _folder(tmp_path, "a")
    await _start(client, [a], {"diagnosticsScope": "workspace"})
    await until(lambda: codes(client, _file(a)) == [BUG_CODE])
    client.set_configuration({"diagnosticsScope": "openFiles"}, section="derivlint")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await until(lambda: codes(client, _file(a)) == [])
    client.set_configuration({"diagnosticsScope": "workspace"}, section="derivlint")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await until(lambda: codes(client, _file(a)) == [BUG_CODE])


async def test_the_open_buffer_wins_over_a_rescan_of_its_file(client, tmp_path: Path) -> None:
    a = _folder(tmp_path, "a")  # ols.py on disk has the bug
    await _start(client, [a], {"diagnosticsScope": "workspace"})
    await until(lambda: codes(client, _file(a)) == [BUG_CODE])
    open_py(client, _file(a), BUGGY.replace("X @ y", "X.T @ y"))  # fixed in the editor, not saved
    await until(lambda: codes(client, _file(a)) == [])
    # a rescan (pyproject.toml created) and a watcher event for the file itself
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.derivlint]\n")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=f"{a.uri}/pyproject.toml", type=types.FileChangeType.Created),
        types.FileEvent(uri=_file(a), type=types.FileChangeType.Changed)]))
    await client.text_document_hover_async(  # answered once the re-checks are done
        types.HoverParams(types.TextDocumentIdentifier(_file(a)), types.Position(0, 0)))
    await asyncio.sleep(0.5)
    assert codes(client, _file(a)) == []
    assert not [p.diagnostics for p in client.publishes if p.uri == _file(a)][-1]


async def test_flat_dotted_settings_as_jupyter_lsp_sends_them(client, tmp_path: Path) -> None:
    a = _folder(tmp_path, "a")
    caps = client_capabilities("visual-studio-code")
    caps.workspace.configuration = False  # settings come from initializationOptions only
    await client.initialize_session(types.InitializeParams(
        capabilities=caps, root_uri=a.uri, workspace_folders=[a],
        initialization_options={"derivlint.diagnosticsScope": "openFiles", "derivlint.ignore": ["L201", "S101"]}))
    uri = f"{a.uri}/open.py"
    open_py(client, uri, BUGGY)
    await until(lambda: uri in client.diagnostics)
    assert codes(client, uri) == []  # both ignored
    assert _file(a) not in client.diagnostics  # openFiles: the closed file is not checked


async def test_a_folder_of_the_workspace_can_set_its_own_rules(client, tmp_path: Path) -> None:
    a, b = _folder(tmp_path, "a"), _folder(tmp_path, "b")
    client.set_configuration({"severity": {"L201": "info"}}, section="derivlint", scope_uri=b.uri)
    await _start(client, [a, b], {"diagnosticsScope": "workspace"})
    await until(lambda: codes(client, _file(a)) == [BUG_CODE] and codes(client, _file(b)) == [BUG_CODE])
    assert client.diagnostics[_file(a)][0].severity == types.DiagnosticSeverity.Error
    assert client.diagnostics[_file(b)][0].severity == types.DiagnosticSeverity.Information
    # b's own setting changes: only b's file is affected
    client.set_configuration({"ignore": ["L201", "S101"]}, section="derivlint", scope_uri=b.uri)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await until(lambda: codes(client, _file(b)) == [])
    assert codes(client, _file(a)) == [BUG_CODE]
