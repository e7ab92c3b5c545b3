"""A .py document: open, edit, close; diagnostics carry code, href, source, related information."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.server.conftest import change_py, codes, open_py, start, until

BUGGY = """\
import numpy as np

n, d = 100, 3
X = np.ones((n, d))
y = np.ones(n)
w = np.linalg.solve(X.T @ X, X @ y)
"""
FIXED = BUGGY.replace("X @ y", "X.T @ y")


async def test_open_edit_close(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    uri = (tmp_path / "ols.py").as_uri()
    open_py(client, uri, BUGGY)
    await until(lambda: codes(client, uri) == ["S101"])
    diag = client.diagnostics[uri][0]
    assert diag.source == "derivlint"
    assert diag.severity == types.DiagnosticSeverity.Error
    assert diag.code_description.href.endswith("/shape-mismatch/")
    assert diag.range.start == types.Position(5, 29)
    assert "(100, 3)" in diag.message or "(n, d)" in diag.message
    related = diag.related_information or []
    assert related and all(r.location.uri == uri for r in related)
    assert {r.location.range.start.line for r in related} == {3, 4}  # where X and y were made

    change_py(client, uri, 2, FIXED)
    await until(lambda: codes(client, uri) == [])

    # an incremental edit puts the bug back: replace "X.T" on line 6 with "X"
    change_py(client, uri, 3, "X", types.Range(types.Position(5, 29), types.Position(5, 32)))
    await until(lambda: codes(client, uri) == ["S101"])

    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    await until(lambda: codes(client, uri) == [])
