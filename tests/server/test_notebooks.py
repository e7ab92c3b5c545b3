"""Notebooks over LSP 3.17 notebook sync: one program, diagnostics per cell, no stale results."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

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


async def test_a_cell_whose_kind_changes_in_place_loses_its_findings(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", BUG)])
    await until(lambda: codes(client, nb.uri_of(1)) == [BUG_CODE])
    nb.set_kind(1, "markdown")  # the same cell document, now markdown: an empty publish
    await until(lambda: codes(client, nb.uri_of(1)) == [])
    nb.set_kind(1, "code")
    await until(lambda: codes(client, nb.uri_of(1)) == [BUG_CODE])


async def test_empty_cells_and_ipython_magics(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", ""), ("code", "%matplotlib inline\n" + SETUP), ("code", ""), ("code", BUG)])
    await until(lambda: codes(client, nb.uri_of(3)) == [BUG_CODE])
    assert codes(client, nb.uri_of(0)) == [] and codes(client, nb.uri_of(1)) == []


async def test_closing_the_notebook_clears_every_cell(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", BUG)])
    await until(lambda: codes(client, nb.uri_of(1)) == [BUG_CODE])
    nb.close()
    await until(lambda: codes(client, nb.uri_of(1)) == [])


async def test_quick_edits_down_a_long_notebook_end_as_the_cli_says(client, tmp_path: Path) -> None:
    """Each edit comes while the cells after the one before are still being re-checked: the
    server lets that check run on up to the newly edited cell and resumes there."""
    import json

    from derivlint.analysis import check_program
    from derivlint.sources import program_from_cells

    examples = sorted(Path(__file__).parents[2].glob("examples/*/*.ipynb"))[:4]
    cells = [(c["cell_type"], "".join(c["source"])) for p in examples for c in json.loads(p.read_text())["cells"]]
    nb = await _notebook(client, tmp_path, cells)
    code = [i for i, (kind, _) in enumerate(cells) if kind == "code"]
    await until(lambda: all(nb.uri_of(i) in client.diagnostics for i in code))
    for k, i in enumerate(code[:: max(len(code) // 8, 1)]):
        text = nb.cells[i].text
        nb.edit(i, text + ("  # note" if k % 2 else "\nw_extra = X @ X"))
    nb.insert(code[-1], "code", "X = np.ones((2, 2))")
    final = [(c.kind, c.text) for c in nb.cells]
    program = program_from_cells(final, str(tmp_path / "ols.ipynb"))
    expected: dict[str, list[tuple[str, int]]] = {c.uri: [] for c in nb.cells if c.kind == "code"}
    for f in check_program(program).findings:
        cell, line, _ = program.locate(f.span.line, f.span.col)
        expected[nb.uri_of(cell - 1)].append((f.code, line - 1))

    def published() -> dict[str, list[tuple[str, int]]]:
        return {uri: sorted((str(d.code), d.range.start.line) for d in client.diagnostics.get(uri, []))
                for uri in expected}

    await until(lambda: published() == {uri: sorted(v) for uri, v in expected.items()})
    for uri in expected:  # no cell ever went back to an older version's results
        versions = [p.version for p in client.publishes if p.uri == uri and p.version is not None]
        assert versions == sorted(versions), (uri, versions)


async def test_moving_the_cell_with_the_finding(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", BUG), ("code", "z = 1")])
    bug = nb.uri_of(1)
    await until(lambda: codes(client, bug) == [BUG_CODE])
    nb.move(1, 2)  # still after its setup: the finding moves with the cell, same place in it
    # a hover answers once the check of the moved notebook is done (its publishes come before)
    await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(bug), types.Position(0, 0)))
    assert codes(client, bug) == [BUG_CODE] and client.diagnostics[bug][0].range.start.character == 29
    nb.move(2, 0)  # before the cell that makes X and y: nothing is known, the finding goes
    await until(lambda: codes(client, bug) == [])
    assert all(codes(client, c.uri) == [] for c in nb.cells)


async def test_a_syntax_error_in_one_cell_leaves_the_others_reporting(client, tmp_path: Path) -> None:
    nb = await _notebook(client, tmp_path, [("code", SETUP), ("code", "def f(:\n    pass"), ("code", BUG)])
    await until(lambda: codes(client, nb.uri_of(1)) == ["E001"] and codes(client, nb.uri_of(2)) == [BUG_CODE])
    assert client.diagnostics[nb.uri_of(1)][0].range.start.line == 0
    nb.edit(1, "def f():\n    pass")  # typed on: the error goes, the finding stays
    await until(lambda: codes(client, nb.uri_of(1)) == [])
    assert codes(client, nb.uri_of(2)) == [BUG_CODE]


async def test_utf8_positions_in_cells_and_their_related_information(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"}, encodings=["utf-8", "utf-16"])
    define = "import numpy as np\nμ = np.ones((4, 3))  # Σ 😀"
    use = "r = '😀'; z = μ @ μ"
    nb = Notebook.open(client, str(tmp_path / "u.ipynb"), [("code", define), ("code", use)])
    await until(lambda: codes(client, nb.uri_of(1)) == ["S101"])
    diag = client.diagnostics[nb.uri_of(1)][0]
    assert (diag.range.start.character, diag.range.end.character) == (
        len("r = '😀'; z = ".encode()), len("r = '😀'; z = μ @ μ".encode()))
    # one origin for both operands, in the other cell, in bytes: `μ = np.ones((4, 3))` after `μ = `
    (related,) = diag.related_information or []
    assert related.location.uri == nb.uri_of(0)
    assert related.location.range.start == types.Position(1, len("μ = ".encode()))
