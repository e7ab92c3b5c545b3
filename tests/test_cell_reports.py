"""A notebook cell's findings come from the facts about that cell (what the server shows first).

The language server publishes an edited cell as soon as it has run, with the rules
reading only the facts about that cell (``Facts.about``); that is exact only when
every rule reports a finding at the node of the fact it found it from. These tests
hold every registered rule to that on the example notebooks and their edits.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from derivlint.analysis import FileReport, cell_report, check_program
from derivlint.shapes import session as session_module
from derivlint.shapes.session import Session
from derivlint.sources import program_from_cells

EXAMPLES = sorted(Path(__file__).parent.parent.glob("examples/*/*.ipynb"))


def _cells(path: Path) -> list[tuple[str, str]]:
    nb = json.loads(path.read_text())
    return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]


def _seen(findings) -> list[tuple]:
    return [(f.code, f.span, f.message, tuple(r.span for r in f.related), f.fix) for f in findings]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_each_cell_from_its_own_facts_matches_the_whole_check(path: Path) -> None:
    program = program_from_cells(_cells(path), "nb.ipynb")
    full = check_program(program)
    assert full.facts is not None
    for cell in program.cells:
        if cell.start_line is None:
            continue
        last = cell.start_line + cell.line_count - 1
        in_cell = [f for f in full.findings if cell.start_line <= f.span.line <= last]
        assert _seen(cell_report(program, full.facts, cell.index).findings) == _seen(in_cell), cell.index


def _early_reports(cells_before, cells_after) -> list[tuple[int, FileReport]]:
    session = Session()
    check_program(program_from_cells(cells_before, "nb.ipynb"), session=session)
    early: list[tuple[int, FileReport]] = []
    check_program(program_from_cells(cells_after, "nb.ipynb"), session=session,
                  cell_done=lambda index, report: early.append((index, report)))
    return early


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_early_report_is_what_the_rules_find_in_the_cell_over_every_fact_so_far(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cells = _cells(path)
    code = [i for i, (kind, _) in enumerate(cells) if kind == "code"]
    rng = random.Random(path.name)
    for i in rng.sample(code, min(4, len(code))):
        for edited_text in (cells[i][1] + "\nzz = 1", cells[i][1].replace(".T", "")):
            if edited_text == cells[i][1]:
                continue
            edited = cells[:i] + [("code", edited_text)] + cells[i + 1:]
            with monkeypatch.context() as m:  # the rules over the whole run so far, as before
                m.setattr(session_module, "_about_cell", lambda program, facts, *_: facts)
                whole = _early_reports(cells, edited)
            about = _early_reports(cells, edited)
            assert [(i, _seen(r.findings)) for i, r in about] == [(i, _seen(r.findings)) for i, r in whole]
            assert about and about[0][0] == i + 1


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_comment_edit_reports_what_running_its_cell_again_would(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cells = _cells(path)
    for i in [i for i, (kind, _) in enumerate(cells) if kind == "code"]:
        edited = cells[:i] + [("code", cells[i][1] + "  # edited")] + cells[i + 1:]
        with monkeypatch.context() as m:  # every changed cell runs again
            m.setattr(session_module, "_same_analysis", lambda *_: False)
            rerun = _early_reports(cells, edited)
        kept = _early_reports(cells, edited)
        assert [(i, _seen(r.findings)) for i, r in kept] == [(i, _seen(r.findings)) for i, r in rerun]
        assert kept and kept[0][0] == i + 1
