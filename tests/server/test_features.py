"""Hover, code actions (applied and re-checked), inlay hints and position encodings, over LSP."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.conftest import change_py, codes, open_py, start, until
from tests.server.edits import apply, edits_for
from tests.server.notebook_helpers import Notebook

OLS = """\
import numpy as np

# shapes: X (n, d), y (n,)
X = np.load("X.npy")
y = np.load("y.npy")
w = np.linalg.solve(X.T @ X, X @ y)
"""
#: a plain shape mismatch. (OLS's is the normal equations without a transpose: L201 explains
#: it, and its finding replaces the S101 of the same bug; see test_the_normal_equations_bug_*)
MISMATCH = OLS.replace("w = np.linalg.solve(X.T @ X, X @ y)", "g = X @ y")
CENTER = """\
import numpy as np
n, d = 100, 3
X = np.ones((n, d))
Xc = X - X.mean(axis=1)
"""
UNICODE = """\
import numpy as np
n, d = 100, 3
μ = np.ones((n, d))  # 😀 Σ μ
Σ = np.ones(n)
r = "😀"; z = μ @ Σ
"""


async def _open(client, tmp_path: Path, text: str, name: str = "f.py", **kw) -> str:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"}, **kw)
    uri = (tmp_path / name).as_uri()
    open_py(client, uri, text)
    await until(lambda: uri in client.diagnostics)
    return uri


def _hover_text(result: types.Hover | None) -> str:
    assert result is not None
    contents = result.contents
    assert isinstance(contents, types.MarkupContent)
    return contents.value


async def test_hover_shows_shape_and_where_it_came_from(client, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path, OLS)
    text = _hover_text(await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(5, 34))))  # the y in X @ y
    assert "**(n,)**" in text and "annotated on line 3" in text
    text = _hover_text(await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(5, 23))))  # X.T inside X.T @ X
    assert "(d, n)" in text


async def test_hover_on_a_diagnostic_explains_the_rule(client, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path, MISMATCH)
    text = _hover_text(await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(5, 6))))  # on "@" of X @ y
    assert "S101" in text and "shape-mismatch" in text
    assert "Why is this bad?" in text and "composes two linear maps" in text
    assert "https://www.3blue1brown.com/topics/linear-algebra" in text


async def test_hover_on_nothing_known_is_empty(client, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path, "import os\nx = os.getcwd()\n")
    result = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(1, 0)))
    assert result is None


async def test_hover_in_a_notebook_names_the_cell(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    nb = Notebook.open(client, str(tmp_path / "n.ipynb"),
                       [("markdown", "# Data"), ("code", "import numpy as np\nX: 'Float[ndarray, \"n d\"]' = np.load('x')"),
                        ("code", "G = X.T @ X")])
    await until(lambda: nb.uri_of(2) in client.diagnostics)
    text = _hover_text(await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(nb.uri_of(2)), types.Position(0, 0))))
    assert "**(d, d)**" in text and "cell 3, line 1" in text
    # the issue's own example: a name's shape and where it was annotated, across cells
    text = _hover_text(await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(nb.uri_of(2)), types.Position(0, 4))))
    assert "**(n, d)**" in text and "annotated in cell 2, line 2" in text


async def _actions(client, uri: str, diag: types.Diagnostic | None, only=None) -> list[types.CodeAction]:
    range_ = diag.range if diag else types.Range(types.Position(0, 0), types.Position(0, 0))
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=range_,
        context=types.CodeActionContext(diagnostics=[diag] if diag else [], only=only)))
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


async def test_fix_action_applied_and_rechecked(client, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path, CENTER)
    await until(lambda: codes(client, uri) == ["S106"])
    diag = client.diagnostics[uri][0]
    actions = await _actions(client, uri, diag)
    fix = next(a for a in actions if a.title == "Add keepdims=True")
    assert fix.kind == types.CodeActionKind.QuickFix and not fix.is_preferred  # the fix is unsafe
    fixed = apply(CENTER, edits_for(fix.edit, uri))
    assert fixed.splitlines()[3] == "Xc = X - X.mean(axis=1, keepdims=True)"
    change_py(client, uri, 2, fixed)
    await until(lambda: codes(client, uri) == [])


async def test_ignore_action_adds_noqa_and_silences(client, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path, MISMATCH)
    await until(lambda: codes(client, uri) == ["S101"])
    actions = await _actions(client, uri, client.diagnostics[uri][0])
    ignore = next(a for a in actions if a.title == "Ignore S101 on this line")
    fixed = apply(MISMATCH, edits_for(ignore.edit, uri))
    assert fixed.splitlines()[5] == "g = X @ y  # noqa: S101"
    change_py(client, uri, 2, fixed)
    await until(lambda: codes(client, uri) == [])


async def test_ignore_action_extends_an_existing_noqa(client, tmp_path: Path) -> None:
    text = MISMATCH.replace("X @ y\n", "X @ y  # noqa: S999\n")
    uri = await _open(client, tmp_path, text)
    await until(lambda: codes(client, uri) == ["S101"])
    actions = await _actions(client, uri, client.diagnostics[uri][0])
    ignore = next(a for a in actions if a.title == "Ignore S101 on this line")
    assert apply(text, edits_for(ignore.edit, uri)).splitlines()[5].endswith("# noqa: S999, S101")


async def test_open_reading_shows_the_resource_in_a_browser(client, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path, MISMATCH)
    await until(lambda: codes(client, uri) == ["S101"])
    actions = await _actions(client, uri, client.diagnostics[uri][0])
    reading = [a for a in actions if a.title.startswith("Open reading: ")]
    assert next(a.title for a in reading) == "Open reading: 3Blue1Brown, Essence of Linear Algebra (matrix multiplication as composition)"
    command = reading[0].command
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command.command, arguments=command.arguments))
    shown = client.shown_documents[-1]
    assert shown.uri == "https://www.3blue1brown.com/topics/linear-algebra" and shown.external is True


async def test_open_reading_in_a_client_that_cannot_show_documents(client, tmp_path: Path) -> None:
    # Emacs' eglot has no window/showDocument: the address is shown as a message instead
    uri = await _open(client, tmp_path, MISMATCH, profile="emacs")
    await until(lambda: codes(client, uri) == ["S101"])
    reading = next(a for a in await _actions(client, uri, client.diagnostics[uri][0])
                   if a.title.startswith("Open reading: "))
    assert await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=reading.command.command, arguments=reading.command.arguments)) is False
    assert client.shown_documents == []
    assert client.messages[-1].message == "derivlint reading: https://www.3blue1brown.com/topics/linear-algebra"


async def test_the_normal_equations_bug_is_one_l201_with_its_safe_fix(client, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path, OLS)
    await until(lambda: codes(client, uri) == ["L201"])  # its S101 is replaced, not repeated
    diag = client.diagnostics[uri][0]
    assert diag.code_description.href.endswith("/normal-equations-missing-transpose/")
    preferred = [a for a in await _actions(client, uri, diag) if a.is_preferred]
    assert [a.title for a in preferred] == ["Fix the transposes: X.T"]
    fixed = apply(OLS, edits_for(preferred[0].edit, uri))
    assert fixed.splitlines()[5] == "w = np.linalg.solve(X.T @ X, X.T @ y)"
    change_py(client, uri, 2, fixed)
    await until(lambda: codes(client, uri) == [])


async def test_fix_all_applies_only_safe_fixes(client, tmp_path: Path) -> None:
    text = CENTER + "b = np.ones(3)\nw = np.linalg.inv(X.T @ X) @ b\nv = np.linalg.inv(X.T @ X).dot(b)\n"
    uri = await _open(client, tmp_path, text)
    await until(lambda: codes(client, uri) == ["L202", "L202", "S106"])
    (action,) = await _actions(client, uri, None, only=["source.fixAll.derivlint"])
    assert action.kind == "source.fixAll.derivlint"
    fixed = apply(text, edits_for(action.edit, uri))
    # L202's fix is safe; S106's changes what the code computes, so "fix all" leaves it
    assert fixed.splitlines()[3:] == [
        "Xc = X - X.mean(axis=1)", "b = np.ones(3)",
        "w = np.linalg.solve(X.T @ X, b)", "v = np.linalg.solve(X.T @ X, b)",
    ]
    assert [a.title for a in await _actions(client, uri, None, only=["source.fixAll"])] == [action.title]
    change_py(client, uri, 2, fixed)
    await until(lambda: codes(client, uri) == ["S106"])
    assert await _actions(client, uri, None, only=["source.fixAll.derivlint"]) == []


async def test_fix_all_in_a_notebook_edits_every_cell(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    cells = [("code", "import numpy as np\nA = np.eye(3)\nb = np.ones(3)"),
             ("code", "x = np.linalg.inv(A) @ b"), ("markdown", "# again"), ("code", "y = np.linalg.inv(A).dot(b)")]
    nb = Notebook.open(client, str(tmp_path / "n.ipynb"), cells)
    await until(lambda: codes(client, nb.uri_of(1)) == ["L202"] and codes(client, nb.uri_of(3)) == ["L202"])
    (action,) = await _actions(client, nb.uri_of(1), None, only=["source.fixAll.derivlint"])
    assert apply(cells[1][1], edits_for(action.edit, nb.uri_of(1))) == "x = np.linalg.solve(A, b)"
    assert apply(cells[3][1], edits_for(action.edit, nb.uri_of(3))) == "y = np.linalg.solve(A, b)"
    assert edits_for(action.edit, nb.uri_of(0)) == []
    nb.edit(1, "x = np.linalg.solve(A, b)")
    nb.edit(3, "y = np.linalg.solve(A, b)")
    await until(lambda: codes(client, nb.uri_of(1)) == [] and codes(client, nb.uri_of(3)) == [])


async def test_a_safe_fix_is_the_preferred_quick_fix(client, tmp_path: Path) -> None:
    text = "import numpy as np\nA = np.eye(3)\nx = np.linalg.inv(A) @ np.ones(3)\n"
    uri = await _open(client, tmp_path, text)
    await until(lambda: codes(client, uri) == ["L202"])
    actions = await _actions(client, uri, client.diagnostics[uri][0])
    preferred = [a for a in actions if a.is_preferred]
    assert [a.title for a in preferred] == ["Use np.linalg.solve(A, np.ones(3))"]
    assert apply(text, edits_for(preferred[0].edit, uri)).splitlines()[2] == "x = np.linalg.solve(A, np.ones(3))"


async def test_inlay_hints_show_shapes_in_symbols(client, tmp_path: Path) -> None:
    text = OLS + "def center(A):\n    return A - A.mean(axis=0)\nXc = center(X)\n"
    uri = await _open(client, tmp_path, text)
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(
        text_document=types.TextDocumentIdentifier(uri),
        range=types.Range(types.Position(0, 0), types.Position(20, 0))))
    got = {(h.position.line, h.position.character): h.label for h in hints or []}
    assert got[(3, 1)] == "▸ (n, d)"  # X
    assert got[(4, 1)] == "▸ (n,)"  # y
    assert got[(6, 12)] == "▸ (n, d)"  # the parameter A, from the call
    assert got[(8, 2)] == "▸ (n, d)"  # Xc
    assert (5, 1) not in got  # w: the solve fails, its shape is unknown


async def test_inlay_hints_can_be_switched_off(client, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path, OLS)
    client.set_configuration({"diagnosticsScope": "openFiles", "inlayHints": False}, section="derivlint")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await until(lambda: True)

    async def hints():
        return await client.text_document_inlay_hint_async(types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=types.Range(types.Position(0, 0), types.Position(20, 0))))

    for _ in range(50):
        if not await hints():
            break
    assert not await hints()


@pytest.mark.parametrize(
    ("encodings", "start", "end"),
    [(None, 14, 19), (["utf-16"], 14, 19), (["utf-8", "utf-16"], 16, 23), (["utf-32"], 13, 18)],
)
async def test_positions_honour_the_negotiated_encoding(client, tmp_path: Path, encodings, start, end) -> None:
    # line 5 is `r = "😀"; z = μ @ Σ`: 😀 is 1 code point, 2 UTF-16 units, 4 UTF-8 bytes; μ, Σ 2 bytes
    result = await _start_and_open(client, tmp_path, UNICODE, encodings)
    uri = result
    await until(lambda: codes(client, uri) == ["S101"])
    r = client.diagnostics[uri][0].range
    assert (r.start.line, r.start.character, r.end.character) == (4, start, end)
    # and positions the client sends are read in the same encoding: hover on Σ in `μ @ Σ`
    text = _hover_text(await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(4, end - 1))))
    assert text.startswith("`Σ`: **(100,)**")


async def _start_and_open(client, tmp_path: Path, text: str, encodings) -> str:
    info = await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"}, encodings=encodings)
    expected = (encodings or ["utf-16"])[0]
    assert info.capabilities.position_encoding == expected
    uri = (tmp_path / "u.py").as_uri()
    open_py(client, uri, text)
    return uri
