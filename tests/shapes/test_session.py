"""Re-checking a notebook from its first edited cell gives what a check from scratch gives."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from derivlint.analysis import FileReport, check_program
from derivlint.insight import shape_hints
from derivlint.shapes.session import Session
from derivlint.sources import program_from_cells

EXAMPLES = sorted(Path(__file__).parents[2].glob("examples/*/*.ipynb"))


def _cells(path: Path) -> list[tuple[str, str]]:
    nb = json.loads(path.read_text())
    return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]


def _seen(report: FileReport) -> list[tuple]:
    findings = [(f.code, f.span, f.message, tuple(r.span for r in f.related)) for f in report.findings]
    hints = [(h.line, h.col, h.label) for h in shape_hints(report)]
    return findings + hints


def _same_as_scratch(session: Session, cells: list[tuple[str, str]]) -> Session:
    incremental = check_program(program_from_cells(cells, "nb.ipynb"), session=session)
    scratch = check_program(program_from_cells(cells, "nb.ipynb"))
    assert _seen(incremental) == _seen(scratch)
    return session


def _edits(cells: list[tuple[str, str]], rng: random.Random):
    """Edits an editor makes: change a cell, insert, delete, retype, touch markdown."""
    code = [i for i, (k, _) in enumerate(cells) if k == "code"]
    i = rng.choice(code)
    kind, text = cells[i]
    yield "typo", cells[:i] + [(kind, text + "\nzz = 1")] + cells[i + 1 :]
    yield "comment", cells[:i] + [(kind, text + "  # a note")] + cells[i + 1 :]
    first, _, rest = text.partition("\n")
    yield "comment on the first line", cells[:i] + [(kind, f"{first}  # note\n{rest}")] + cells[i + 1 :]
    yield "break a shape", cells[:i] + [(kind, text.replace("(n, d)", "(d, n)").replace(".T", ""))] + cells[i + 1 :]
    yield "insert", cells[:i] + [("code", "X = np.ones((7, 2))")] + cells[i:]
    yield "delete", cells[:i] + cells[i + 1 :]
    yield "retype", cells[:i] + [("markdown", text)] + cells[i + 1 :]
    yield "markdown", [(k, t + " ") if k == "markdown" else (k, t) for k, t in cells]
    yield "syntax error", cells[:i] + [(kind, text + "\ndef broken(:")] + cells[i + 1 :]
    yield "append", cells + [("code", "Z = X @ X")]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_edit_matches_a_check_from_scratch(path: Path) -> None:
    rng = random.Random(path.name)
    cells = _cells(path)
    for _name, edited in _edits(cells, rng):
        session = _same_as_scratch(Session(), cells)  # the run before the edit
        _same_as_scratch(session, edited)
        _same_as_scratch(session, cells)  # and back


def test_a_sequence_of_edits_keeps_matching() -> None:
    cells = _cells(EXAMPLES[0]) + _cells(EXAMPLES[1])
    rng = random.Random(7)
    session = Session()
    _same_as_scratch(session, cells)
    for _ in range(12):
        _name, cells = rng.choice(list(_edits(cells, rng)))
        _same_as_scratch(session, cells)


def test_an_edit_resumes_at_the_edited_cell_and_reports_it_early() -> None:
    cells = [("code", "import numpy as np\nX = np.ones((5, 3))"), ("markdown", "# next"),
             ("code", "y = np.ones(5)"), ("code", "w = X @ y"), ("code", "v = X.T @ y")]
    session = Session()
    check_program(program_from_cells(cells, "nb.ipynb"), session=session)
    assert session.resumed_at is None
    early: list[tuple[int, FileReport]] = []
    cells[3] = ("code", "w = X.T @ y")
    cells[4] = ("code", "v = X @ y")
    final = check_program(program_from_cells(cells, "nb.ipynb"), session=session,
                          cell_done=lambda index, report: early.append((index, report)))
    assert session.resumed_at == 4
    # the early report is about cell 4, now clean, and does not have the cell after it yet
    assert early[0][0] == 4 and early[0][1].findings == []
    assert [(f.code, f.span.line) for f in final.findings] == [("S101", 5)]


def test_state_written_by_a_later_cell_does_not_leak_into_an_earlier_one() -> None:
    cells = [("code", "import numpy as np\nclass M:\n    def __init__(self):\n        self.W = np.ones((3, 4))"),
             ("code", "m = M()"), ("code", "a = m.W @ np.ones(4)"), ("code", "m.W = np.ones((4, 4))")]
    session = Session()
    _same_as_scratch(session, cells)
    cells[2] = ("code", "a = m.W @ np.ones(3)")  # wrong for the (3, 4) W that cell 2 sees
    _same_as_scratch(session, cells)
    assert session.resumed_at == 3


def test_a_cancelled_run_is_resumed_and_still_matches_scratch() -> None:
    from derivlint.shapes.session import Cancelled

    cells = _cells(EXAMPLES[0]) + _cells(EXAMPLES[2])
    code = [i for i, (k, _) in enumerate(cells) if k == "code"]
    session = _same_as_scratch(Session(), cells)
    for stop_after, edit_at in ((2, code[-1]), (3, code[1]), (1, code[len(code) // 2])):
        cells = list(cells)
        cells[code[1]] = ("code", cells[code[1]][1] + "\nq = 1")  # the cancelled run starts at code[1]
        asked: list[int] = []

        def cancel(asked: list[int] = asked, stop_after: int = stop_after) -> bool:
            asked.append(1)
            return len(asked) >= stop_after

        with pytest.raises(Cancelled):
            check_program(program_from_cells(cells, "nb.ipynb"), session=session, cancelled=cancel)
        cells[edit_at] = ("code", cells[edit_at][1] + "\nr = 2")
        _same_as_scratch(session, cells)
        assert session.resumed_at is not None and session.resumed_at <= edit_at + 1


def test_a_newer_text_also_cancels_the_rules_after_the_last_cell() -> None:
    from derivlint.rules.registry import all_rules
    from derivlint.shapes.session import Cancelled

    cells = _cells(EXAMPLES[1])
    edited = [*cells, ("code", "Z = X @ X")]
    asked: list[int] = []
    check_program(program_from_cells(edited, "nb.ipynb"), session=_same_as_scratch(Session(), cells),
                  cancelled=lambda: bool(asked.append(1)))
    in_rules = len(all_rules())  # asked once before each rule
    session = _same_as_scratch(Session(), cells)
    count: list[int] = []

    def cancel() -> bool:  # yes from the first rule on: every cell has run
        count.append(1)
        return len(count) > len(asked) - in_rules

    with pytest.raises(Cancelled):
        check_program(program_from_cells(edited, "nb.ipynb"), session=session, cancelled=cancel)
    assert len(count) == len(asked) - in_rules + 1
    _same_as_scratch(session, edited)


def _early(session: Session, cells: list[tuple[str, str]]) -> tuple[FileReport, list[tuple[int, FileReport]]]:
    early: list[tuple[int, FileReport]] = []
    report = check_program(program_from_cells(cells, "nb.ipynb"), session=session,
                           cell_done=lambda index, report: early.append((index, report)))
    assert _seen(report) == _seen(check_program(program_from_cells(cells, "nb.ipynb")))
    return report, early


def test_a_comment_edit_runs_nothing_again_and_reports_its_cell_at_once() -> None:
    cells = [("code", "import numpy as np\nX = np.ones((5, 3))"), ("markdown", "# next"),
             ("code", "w = X @ np.ones(5)"), ("code", "v = X.T @ np.ones(5)")]
    session = _same_as_scratch(Session(), cells)
    cells[2] = ("code", "w = X @ np.ones(5)  # the bug is here")
    _report, early = _early(session, cells)
    assert session.resumed_at == len(cells) + 1  # nothing ran again
    assert [(i, [f.code for f in r.findings]) for i, r in early] == [(3, ["S101"])]
    # and the cells keep the trees the facts are about: hover and a later edit still agree
    cells[3] = ("code", "v = X @ np.ones(5)")
    _report, early = _early(session, cells)
    assert session.resumed_at == 4 and [i for i, _ in early] == [4]


@pytest.mark.parametrize(("before", "after"), [
    ("x = np.ones(3)  # shape: (3,)", "x = np.ones(3)  # shape: (4,)"),  # an annotation is read
    ('s = "a # b"\nx = np.ones(3)', 's = "a # c"\nx = np.ones(3)'),  # not a comment: a string
    ("x = np.ones(3)", "x = np.ones(3) # shape: (2,)"),
    ("x = np.ones(3)", "x  = np.ones(3)"),  # a column moved
])
def test_what_the_engine_reads_is_a_change(before: str, after: str) -> None:
    cells = [("code", "import numpy as np"), ("code", before), ("code", "y = x + np.ones(3)")]
    session = _same_as_scratch(Session(), cells)
    cells[1] = ("code", after)
    _report, early = _early(session, cells)
    assert session.resumed_at == 2 and [i for i, _ in early] == [2]


def test_a_comment_edit_in_a_cell_a_cancelled_run_did_not_reach_runs_it() -> None:
    from derivlint.shapes.session import Cancelled

    cells = _cells(EXAMPLES[0])
    code = [i for i, (k, _) in enumerate(cells) if k == "code"]
    session = _same_as_scratch(Session(), cells)
    cells[code[0]] = ("code", cells[code[0]][1] + "\nq = 1")
    with pytest.raises(Cancelled):  # stops after the first code cell
        check_program(program_from_cells(cells, "nb.ipynb"), session=session, cancelled=lambda: True)
    cells[code[-1]] = ("code", cells[code[-1]][1] + "  # note")
    _report, early = _early(session, cells)
    assert [i for i, _ in early] == [code[-1] + 1]


def test_a_run_stopped_before_a_cell_resumes_at_that_cell() -> None:
    from derivlint.shapes.session import Cancelled

    cells = _cells(EXAMPLES[0]) + _cells(EXAMPLES[2])
    code = [i for i, (k, _) in enumerate(cells) if k == "code"]
    session = _same_as_scratch(Session(), cells)
    stop = code[len(code) // 2] + 1  # a cell index (1-based) the next text changes
    cells = list(cells)
    cells[code[1]] = ("code", cells[code[1]][1] + "\nq = 1")
    with pytest.raises(Cancelled):  # what the server asks: has the run reached the changed cell?
        check_program(program_from_cells(cells, "nb.ipynb"), session=session,
                      cancelled=lambda: session.running >= stop)
    cells[stop - 1] = ("code", cells[stop - 1][1] + "\nr = 2")
    _same_as_scratch(session, cells)
    assert session.resumed_at == stop  # the cells before it did not run again
