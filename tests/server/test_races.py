"""Timing: a document closed while its check runs, and a workspace scan that must not hold up typing."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

from lsprotocol import types

from tests.server.conftest import change_py, codes, open_py, start, until
from tests.server.notebook_helpers import Notebook
from tests.server.test_text_documents import BUGGY, FIXED, _long

EXAMPLES = Path(__file__).parents[2] / "examples"


def _long_notebook() -> list[tuple[str, str]]:
    examples = sorted(EXAMPLES.glob("*/*.ipynb"))
    return [(c["cell_type"], "".join(c["source"])) for p in examples for c in json.loads(p.read_text())["cells"]]


async def _settled(client, uri: str) -> None:
    """Until the check of ``uri``'s unit that was running has ended: a hover on it waits for that
    check (and whatever it published was sent before the answer)."""
    await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0)))
    await asyncio.sleep(0.2)


async def _ping(client) -> None:
    """A request answered at once: when its answer comes, the messages before it were handled
    (a didOpen's check has been started)."""
    await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier("file:///elsewhere.py"), types.Position(0, 0)))


async def test_a_file_closed_while_it_is_checked_gets_no_late_diagnostics(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    uri = (tmp_path / "b.py").as_uri()
    open_py(client, uri, _long(BUGGY))
    await _ping(client)  # the check (about a second) is under way
    assert not client.publishes, "the check had ended: this test measured nothing"
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    await _settled(client, uri)
    assert codes(client, uri) == []


async def test_a_notebook_closed_while_it_is_checked_leaves_no_cell_diagnostics(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    cells = _long_notebook()
    nb = Notebook.open(client, str(tmp_path / "n.ipynb"), cells)
    await _ping(client)  # checking every cell takes a while: the check is under way
    code = sum(kind == "code" for kind, _ in cells)
    assert len({p.uri for p in client.publishes}) < code, "the check had ended: this test measured nothing"
    nb.close()
    await _settled(client, nb.uri)
    assert {uri: d for uri, d in client.diagnostics.items() if d} == {}


def _big_workspace(root: Path, copies: int) -> int:
    files = sorted(EXAMPLES.glob("*/*.py")) + sorted(EXAMPLES.glob("*/*.ipynb"))
    for i in range(copies):
        folder = root / f"copy{i}"
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder / f.name)
    return copies * len(files)


async def test_typing_is_not_queued_behind_the_workspace_scan(client, tmp_path: Path) -> None:
    # checking every file of this workspace takes several seconds; the open file goes first
    count = _big_workspace(tmp_path, 6)
    await start(client, tmp_path)
    await until(lambda: len(client.publishes) > 0)  # the scan is under way
    uri = (tmp_path / "typing.py").as_uri()
    loop = asyncio.get_running_loop()
    began = loop.time()
    open_py(client, uri, BUGGY)
    await until(lambda: codes(client, uri) == ["L201"])
    change_py(client, uri, 2, FIXED)
    await until(lambda: any(p.uri == uri and p.version == 2 for p in client.publishes))
    took = loop.time() - began
    scanned = {p.uri for p in client.publishes if "copy" in p.uri}
    assert len(scanned) < count, "the scan had ended: this test measured nothing"
    assert took < 2.0, f"the open file waited {took:.1f} s"
    assert codes(client, uri) == []
    # and the scan goes on afterwards, to the end
    await until(lambda: len({p.uri for p in client.publishes if "copy" in p.uri}) >= count // 2, timeout=120)
