"""Files that are not open, watched-file events, settings from the editor and from pyproject."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.server.conftest import codes, open_py, prepare, start, until

BUGGY = "import numpy as np\nX = np.ones((5, 3))\ny = np.ones(5)\nw = X @ y\n"
CLEAN = "import numpy as np\nX = np.ones((5, 3))\ny = np.ones(3)\nw = X @ y\n"


def _notebook(path: Path, sources: list[str]) -> None:
    cells = [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
              "source": s} for i, s in enumerate(sources)]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


async def test_workspace_files_are_checked_without_opening_them(client, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(BUGGY)
    (tmp_path / "clean.py").write_text(CLEAN)
    _notebook(tmp_path / "nb.ipynb", ["import numpy as np\nX = np.ones((5, 3))", "w = X @ np.ones(5)"])
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "lib.py").write_text(BUGGY)  # never searched
    await start(client, tmp_path)
    a, nb = (tmp_path / "a.py").as_uri(), (tmp_path / "nb.ipynb").as_uri()
    await until(lambda: codes(client, a) == ["S101"] and codes(client, nb) == ["S101"])
    assert client.diagnostics[nb][0].message.startswith("cell 2, line 1: ")
    assert (tmp_path / "clean.py").as_uri() not in client.diagnostics or codes(client, (tmp_path / "clean.py").as_uri()) == []
    assert not any(".venv" in uri for uri in client.diagnostics)
    # the server asked to be told about file changes
    watchers = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    patterns = {w["globPattern"] for w in watchers[0].register_options["watchers"]} if watchers else set()
    assert {"**/*.py", "**/*.ipynb", "**/pyproject.toml"} <= patterns


async def test_watched_file_changes_and_deletions(client, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(BUGGY)
    await start(client, tmp_path)
    a = (tmp_path / "a.py").as_uri()
    await until(lambda: codes(client, a) == ["S101"])
    (tmp_path / "a.py").write_text(CLEAN)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=a, type=types.FileChangeType.Changed)]))
    await until(lambda: codes(client, a) == [])
    (tmp_path / "b.py").write_text(BUGGY)
    b = (tmp_path / "b.py").as_uri()
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=b, type=types.FileChangeType.Created)]))
    await until(lambda: codes(client, b) == ["S101"])
    (tmp_path / "b.py").unlink()
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=b, type=types.FileChangeType.Deleted)]))
    await until(lambda: codes(client, b) == [])


async def test_open_files_scope_leaves_closed_files_alone(client, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(BUGGY)
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    b = (tmp_path / "b.py").as_uri()
    open_py(client, b, BUGGY)
    await until(lambda: codes(client, b) == ["S101"])
    assert (tmp_path / "a.py").as_uri() not in client.diagnostics
    # closing the file clears it in this scope
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(b)))
    await until(lambda: codes(client, b) == [])


async def test_closing_a_file_falls_back_to_the_disk_in_workspace_scope(client, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(BUGGY)
    await start(client, tmp_path)
    a = (tmp_path / "a.py").as_uri()
    await until(lambda: codes(client, a) == ["S101"])
    open_py(client, a, CLEAN)  # the unsaved buffer is clean
    await until(lambda: codes(client, a) == [])
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(a)))
    await until(lambda: codes(client, a) == ["S101"])  # the file on disk still has the bug


async def test_pyproject_and_editor_settings_both_count(client, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.derivlint]\nignore = ["S101"]\nseverity = {S106 = "error"}\n')
    both = BUGGY + "Xc = X - X.mean(axis=1)\n"
    uri = (tmp_path / "a.py").as_uri()
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    open_py(client, uri, both)
    await until(lambda: codes(client, uri) == ["S106"])  # S101 ignored by pyproject
    assert client.diagnostics[uri][0].severity == types.DiagnosticSeverity.Error  # pyproject severity
    # the editor selects S101 again and lowers S106: where both set something, the editor wins
    client.set_configuration({"diagnosticsScope": "openFiles", "extendSelect": ["S101"],
                              "severity": {"S106": "info"}}, section="derivlint")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await until(lambda: codes(client, uri) == ["S101", "S106"])
    s106 = next(d for d in client.diagnostics[uri] if d.code == "S106")
    assert s106.severity == types.DiagnosticSeverity.Information


async def test_pyproject_changes_are_picked_up(client, tmp_path: Path) -> None:
    uri = (tmp_path / "a.py").as_uri()
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    open_py(client, uri, BUGGY)
    await until(lambda: codes(client, uri) == ["S101"])
    (tmp_path / "pyproject.toml").write_text('[tool.derivlint]\nignore = ["shape-mismatch"]\n')
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=(tmp_path / "pyproject.toml").as_uri(), type=types.FileChangeType.Created)]))
    await until(lambda: codes(client, uri) == [])


async def test_bad_settings_are_reported_not_fatal(client, tmp_path: Path) -> None:
    uri = (tmp_path / "a.py").as_uri()
    await start(client, tmp_path, settings={"diagnosticsScope": "everywhere", "select": ["S9999"]})
    open_py(client, uri, BUGGY)
    await until(lambda: codes(client, uri) == ["S101"])
    logged = " ".join(m.message for m in client.log_messages)
    assert "diagnosticsScope must be one of openFiles, workspace" in logged
    assert "S9999" in logged


async def test_jupyterlab_sends_a_notebook_as_one_python_document(client, tmp_path: Path) -> None:
    # jupyterlab-lsp: the notebook's own URI, languageId python, code cells joined, magics kept
    uri = (tmp_path / "n.ipynb").as_uri()
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    text = "%matplotlib inline\nimport numpy as np\nX = np.ones((5, 3))\n\n\n!ls\nw = X @ np.ones(5)\n"
    open_py(client, uri, text)
    await until(lambda: codes(client, uri) == ["S101"])
    assert client.diagnostics[uri][0].range.start.line == 6


BROKEN_RULE = (
    "import sys\n"
    "from derivlint.rules.s106_reduction_broadcast import ReductionBroadcast\n"
    "def boom(self, facts):\n"
    "    raise RuntimeError('rule bug')\n"
    "ReductionBroadcast.check = boom\n"
    "from derivlint.server import main\n"
    "sys.exit(main([]))\n"
)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-c", BROKEN_RULE]))
async def broken(lsp_client: LanguageClient):
    prepare(lsp_client)
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_a_rule_that_throws_is_logged_and_the_others_still_report(broken, tmp_path: Path) -> None:
    uri = (tmp_path / "a.py").as_uri()
    await start(broken, tmp_path, settings={"diagnosticsScope": "openFiles"})
    open_py(broken, uri, BUGGY + "Xc = X - X.mean(axis=1)\n")
    await until(lambda: codes(broken, uri) == ["S101"])
    await until(lambda: any("rule S106 failed" in m.message for m in broken.log_messages))
    assert any(m.type == types.MessageType.Error and "RuntimeError: rule bug" in m.message
               for m in broken.log_messages)


async def test_odd_requests_and_broken_text_do_not_stop_the_server(client, tmp_path: Path) -> None:
    uri = (tmp_path / "a.py").as_uri()
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    # a hover on a document nobody opened, at an absurd position
    assert await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier("file:///nowhere.py"), types.Position(10**6, 10**6))) is None
    # a syntax error mid-typing: reported, and the statements that parse are still checked
    open_py(client, uri, BUGGY + "def f(:\n")
    await until(lambda: codes(client, uri) == ["E001", "S101"])


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


async def _read_message(stream) -> dict:
    length = 0
    while True:
        line = (await stream.readline()).strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(await stream.readexactly(length))


async def test_malformed_requests_get_json_rpc_errors_not_an_exit(tmp_path: Path) -> None:
    import asyncio

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "derivlint", "server", stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None

    async def ask(message: dict) -> dict:
        proc.stdin.write(_frame(message))  # type: ignore[union-attr]
        while True:
            answer = await asyncio.wait_for(_read_message(proc.stdout), 20)
            if answer.get("id") == message["id"]:
                return answer

    try:
        init = await ask({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                          "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        assert "capabilities" in init["result"]
        proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        bad = await ask({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": 3}})
        assert "error" in bad and bad["error"]["code"] < 0
        unknown = await ask({"jsonrpc": "2.0", "id": 3, "method": "derivlint/nothing", "params": {}})
        assert unknown["error"]["code"] == -32601  # method not found
        proc.stdin.write(b"Content-Length: 5\r\n\r\n{nope")  # not JSON at all
        # still alive: a well-formed request gets its answer
        ok = await ask({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": "file:///x.py"}, "position": {"line": 0, "character": 0}}})
        assert ok.get("result", "missing") is None
        done = await ask({"jsonrpc": "2.0", "id": 5, "method": "shutdown"})
        assert "error" not in done
        proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
        assert await asyncio.wait_for(proc.wait(), 20) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
