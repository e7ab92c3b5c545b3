"""``source.fixAll.derivlint``: one request fixes what ``derivlint check --fix`` fixes; a second has nothing left."""

from __future__ import annotations

from pathlib import Path

from derivlint.apply_fixes import fix_file
from tests.server.conftest import change_py, codes, open_py, start, until
from tests.server.edits import apply, edits_for
from tests.server.notebook_helpers import Notebook
from tests.server.test_features import _actions

FIX_ALL = ["source.fixAll.derivlint"]
#: the inner inv() is inside the outer fix's edit: the two fixes overlap, so one round cannot do both
NESTED = "import numpy as np\nA = np.eye(3)\nb = np.ones(3)\nμ = np.linalg.inv(A) @ (np.linalg.inv(A) @ b)  # Σ\n"


async def test_overlapping_fixes_are_all_applied_at_once(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    uri = (tmp_path / "nested.py").as_uri()
    open_py(client, uri, NESTED)
    await until(lambda: codes(client, uri) == ["L202", "L202"])
    (action,) = await _actions(client, uri, None, only=FIX_ALL)
    fixed = apply(NESTED, edits_for(action.edit, uri))
    assert fixed.splitlines()[3] == "μ = np.linalg.solve(A, np.linalg.solve(A, b))  # Σ"
    (tmp_path / "cli.py").write_text(NESTED)
    assert fixed == fix_file(str(tmp_path / "cli.py")).text  # as `derivlint check --fix` does it
    change_py(client, uri, 2, fixed)
    await until(lambda: codes(client, uri) == [])
    assert await _actions(client, uri, None, only=FIX_ALL) == []  # fix all, twice: nothing more


async def test_fix_all_twice_in_a_notebook(client, tmp_path: Path) -> None:
    await start(client, tmp_path, settings={"diagnosticsScope": "openFiles"})
    cells = [("code", "%matplotlib inline\nimport numpy as np\nA = np.eye(3)\nb = np.ones(3)"),
             ("code", "x = np.linalg.inv(A) @ (np.linalg.inv(A) @ b)")]
    nb = Notebook.open(client, str(tmp_path / "n.ipynb"), cells)
    await until(lambda: codes(client, nb.uri_of(1)) == ["L202", "L202"])
    (action,) = await _actions(client, nb.uri_of(1), None, only=FIX_ALL)
    assert edits_for(action.edit, nb.uri_of(0)) == []  # the magic cell is left as it is
    fixed = apply(cells[1][1], edits_for(action.edit, nb.uri_of(1)))
    assert fixed == "x = np.linalg.solve(A, np.linalg.solve(A, b))"
    nb.edit(1, fixed)
    await until(lambda: codes(client, nb.uri_of(1)) == [])
    assert await _actions(client, nb.uri_of(1), None, only=FIX_ALL) == []
