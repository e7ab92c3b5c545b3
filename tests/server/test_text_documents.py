"""A .py document: open, edit, close; diagnostics carry code, href, source, related information."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from derivlint.analysis import check_text
from tests.server.conftest import change_py, codes, open_py, start, until

BUGGY = """\
import numpy as np

n, d = 100, 3
X = np.ones((n, d))
y = np.ones(n)
w = np.linalg.solve(X.T @ X, X @ y)
"""
FIXED = BUGGY.replace("X @ y", "X.T @ y")
#: the shape error of BUGGY is the normal equations without a transpose: L201 explains it and
#: its finding replaces the S101 of the same bug
BUG_CODE = "L201"


async def test_open_edit_close(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    uri = (tmp_path / "ols.py").as_uri()
    open_py(client, uri, BUGGY)
    await until(lambda: codes(client, uri) == [BUG_CODE])
    diag = client.diagnostics[uri][0]
    assert diag.source == "derivlint"
    assert diag.severity == types.DiagnosticSeverity.Error
    assert diag.code_description.href.endswith("/normal-equations-missing-transpose/")
    assert diag.range.start == types.Position(5, 29)
    assert "(100, 3)" in diag.message or "(n, d)" in diag.message
    related = diag.related_information or []
    assert related and all(r.location.uri == uri for r in related)
    assert {r.location.range.start.line for r in related} == {3, 4}  # where X and y were made (their shapes)

    change_py(client, uri, 2, FIXED)
    await until(lambda: codes(client, uri) == [])

    # an incremental edit puts the bug back: replace "X.T" on line 6 with "X"
    change_py(client, uri, 3, "X", types.Range(types.Position(5, 29), types.Position(5, 32)))
    await until(lambda: codes(client, uri) == [BUG_CODE])

    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    await until(lambda: codes(client, uri) == [])


def _long(text: str) -> str:
    """``text`` after a few hundred lines of real derivation code (a check takes a while)."""
    examples = Path(__file__).parents[2] / "examples"
    body = "\n".join(p.read_text() for p in sorted(examples.glob("*/*_correct.py")))
    return body * 3 + "\n" + text


async def test_a_burst_of_edits_ends_on_the_newest_text_and_never_goes_back(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    uri = (tmp_path / "burst.py").as_uri()
    fixed, buggy = _long(FIXED), _long(BUGGY)
    open_py(client, uri, fixed)
    await until(lambda: any(p.uri == uri for p in client.publishes))
    # twenty keystrokes without waiting: the bug comes and goes, and is there at the end
    for version in range(2, 22):
        change_py(client, uri, version, buggy if version % 2 else fixed)
    await until(lambda: any(p.uri == uri and p.version == 21 for p in client.publishes))
    versions = [p.version for p in client.publishes if p.uri == uri]
    assert versions == sorted(versions), versions  # never an older version after a newer one
    assert len(versions) < 21, versions  # the burst was coalesced, not checked edit by edit
    # version 21 is the buggy text: what the CLI finds in it, one finding more than in the fixed one
    expected = sorted(f.code for f in check_text(buggy, "burst.py").findings)
    assert codes(client, uri) == expected
    assert expected.count(BUG_CODE) == 1 + sorted(f.code for f in check_text(fixed, "burst.py").findings).count(BUG_CODE)
