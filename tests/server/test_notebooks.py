"""Notebooks over LSP 3.17 notebook sync: one program, diagnostics per cell, no stale results."""

from __future__ import annotations

from pathlib import Path

from tests.server.conftest import codes, start, until
from tests.server.notebook_helpers import Notebook

SETUP = "import numpy as np\nn, d = 100, 3\nX = np.ones((n, d))\ny = np.ones(n)"
BUG = "w = np.linalg.solve(X.T @ X, X @ y)"
OK = "w = np.linalg.solve(X.T @ X, X.T @ y)"
#: BUG is a shape error that L201 explains (the normal equations without a transpose): its
#: finding replaces the S101 of the same bug
BUG_CODE = "L201"


async def _notebook(client, tmp_path: Path, cells) -> Notebook:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    return Notebook.open(client, str(tmp_path / "ols.ipynb"), cells)


async def test_cells_are_one_program_and_findings_land_in_their_cell(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("markdown", "# OLS"), ("code", SETUP), ("code", BUG)])
    bug = nb.uri_of(2)
    await until(lambda: codes(client, bug) == [BUG_CODE])
    diag = client.diagnostics[bug][0]
    assert diag.range.start.line == 0 and diag.range.start.character == 29
    # the shapes in the message came from the other cell: related information points there
    related = {r.location.uri for r in diag.related_information or []}
    assert related == {nb.uri_of(1)}
    assert codes(client, nb.uri_of(1)) == []


async def test_editing_a_cell_clears_and_restores_its_finding(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", BUG)])
    await until(lambda: codes(client, nb.uri_of(1)) == [BUG_CODE])
    nb.edit(1, OK)
    await until(lambda: codes(client, nb.uri_of(1)) == [])
    # an edit in *another* cell can cause it: y becomes a column
    nb.edit(0, SETUP.replace("np.ones(n)", "np.ones((d, 1))"))
    await until(lambda: codes(client, nb.uri_of(1)) != [])


async def test_deleting_the_defining_cell_and_deleting_the_buggy_cell(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", BUG), ("code", "Z = X @ X")])
    await until(lambda: codes(client, nb.uri_of(2)) == ["S101"] and codes(client, nb.uri_of(1)) == [BUG_CODE])
    buggy = nb.delete(1)  # the cell with a finding is gone: it gets an empty publish
    await until(lambda: codes(client, buggy.uri) == [])
    assert codes(client, nb.uri_of(1)) == ["S101"]
    nb.delete(0)  # without the definitions nothing is known about X: no finding, nothing stale
    await until(lambda: codes(client, nb.uri_of(0)) == [])


async def test_inserting_and_moving_cells(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", OK)])
    await until(lambda: nb.uri_of(1) in client.diagnostics)
    assert codes(client, nb.uri_of(1)) == []
    inserted = nb.insert(1, "code", "y = np.ones(d)")  # y loses its n rows before the solve
    await until(lambda: codes(client, nb.uri_of(2)) == ["S101"])
    assert codes(client, inserted.uri) == []
    nb.move(1, 2)  # the short y now comes after the solve: the solve is fine again
    await until(lambda: codes(client, nb.uri_of(1)) == [])


async def test_a_cell_retyped_to_markdown_loses_its_findings(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", BUG)])
    old = nb.uri_of(1)
    await until(lambda: codes(client, old) == [BUG_CODE])
    new = nb.retype(1, "markdown")
    await until(lambda: codes(client, old) == [])
    assert codes(client, new.uri) == []
    back = nb.retype(1, "code")
    await until(lambda: codes(client, back.uri) == [BUG_CODE])


async def test_empty_cells_and_ipython_magics(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", ""), ("code", "%matplotlib inline\n" + SETUP), ("code", ""), ("code", BUG)])
    await until(lambda: codes(client, nb.uri_of(3)) == [BUG_CODE])
    assert codes(client, nb.uri_of(0)) == [] and codes(client, nb.uri_of(1)) == []


async def test_closing_the_notebook_clears_every_cell(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", BUG)])
    await until(lambda: codes(client, nb.uri_of(1)) == [BUG_CODE])
    nb.close()
    await until(lambda: codes(client, nb.uri_of(1)) == [])
