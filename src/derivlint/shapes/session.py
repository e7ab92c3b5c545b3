"""Re-analysing a notebook from its first changed cell (the language server's notebooks).

A ``Session`` belongs to one notebook. It keeps a checkpoint of the
interpreter's state before each code cell of the last run; the next run over
an edited notebook restores the checkpoint before the first cell that changed
and runs from there, so an edit near the end of a long notebook costs a few
cells, not the notebook. The result is the same as ``analyse`` from scratch
(the tests check that); cells before the edit keep their parsed trees, since
facts are keyed by AST node.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from derivlint.shapes.checkpoints import Cancelled, Checkpoint, restore, take
from derivlint.shapes.facts import Facts
from derivlint.shapes.frames import Frame
from derivlint.sources import Program


@dataclass
class _Run:
    keys: list[tuple[str, str]]  # (kind, source) of every cell, markdown included
    facts: Facts
    functions: list
    #: cell index -> the state just before the cell ran
    checkpoints: dict[int, Checkpoint] = field(default_factory=dict)
    end: Checkpoint | None = None  # the state after the last cell

    def checkpoint_at(self, resume: int) -> tuple[int, Checkpoint] | None:
        """Where to resume when cells before ``resume`` are unchanged, and the state there.

        That is the state before the first code cell at or after ``resume``; after the
        last cell, the end state; and for a run that was cancelled before reaching
        ``resume``, the last state it did reach (the cells from there on run again).
        """
        later = [k for k in self.checkpoints if k >= resume]
        if later:
            return min(later), self.checkpoints[min(later)]
        if self.end is not None:
            return resume, self.end
        if self.checkpoints:
            last = max(self.checkpoints)
            return last, self.checkpoints[last]
        return None


class Session:
    def __init__(self) -> None:
        self._last: _Run | None = None
        self._frame = Frame("module")
        #: the cell index the last ``analyse`` resumed at (None: from scratch), for tests and benchmarks
        self.resumed_at: int | None = None

    def analyse(
        self,
        program: Program,
        cell_done: Callable[[int, Facts], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Facts:
        """The facts of ``program``.

        When the run resumes after unchanged cells, ``cell_done(index, facts)`` is
        called once the first re-run cell is done, with the facts about that cell
        (``Facts.about``): its findings can be shown while the cells after it are
        still running.
        ``cancelled()`` is asked before each statement once the edited cell is done;
        when it says yes, ``Cancelled`` is raised, and the cells that did run are
        kept for the next run to resume from.
        """
        from derivlint.shapes.interpreter import Interpreter
        from derivlint.shapes.numpy import load

        load()
        keys = [(c.kind, c.source) for c in program.cells]
        last, self._last = self._last, None  # a run that raises leaves no half-made state behind
        resume = _first_changed(last.keys, keys) if last is not None else None
        if last is not None and resume is None and last.end is None:
            resume = len(keys) + 1  # same text as a run that was cancelled: go on where it stopped
        found = last.checkpoint_at(resume) if last is not None and resume is not None else None
        facts = Facts(program)
        if last is None or found is None:
            self._frame = Frame("module")
            interp = Interpreter(program, facts, self._frame)
            blocks = interp.cell_blocks()
            checkpoints: dict[int, Checkpoint] = {}
            prev_end = 0.0
            self.resumed_at = edited = None
        else:
            edited = resume
            resume = min(resume, found[0])  # before the edit, if a cancelled run stopped short of it
            cp = found[1]
            old = last.facts
            facts.problems, facts.events = list(old.problems), list(old.events)
            facts.annotation_issues, facts.assignments = list(old.annotation_issues), list(old.assignments)
            facts.params, facts.values = list(old.params), old.values
            interp = Interpreter(program, facts, self._frame)
            blocks = [b for b in interp.cell_blocks() if b[0] >= resume]
            resume_line = blocks[0][1] if blocks else len(program.lines) + 1
            restore(interp, cp, last.functions, resume_line)
            checkpoints = {k: v for k, v in last.checkpoints.items() if k < resume}
            prev_end = cp.prev_end
            self.resumed_at = resume
        pending = None  # the edited cell, once it has run
        try:
            for index, before in interp.run_cells(blocks, prev_end):
                if pending is not None and cell_done is not None:
                    cell_done(pending, _about_cell(program, facts, pending, checkpoints[pending]))
                    cell_done = None
                if cell_done is None or self.resumed_at is None:
                    interp.cancelled = cancelled  # from here on, a newer text may cut the run short
                    if cancelled is not None and cancelled():
                        raise Cancelled
                checkpoints[index] = take(interp, before)
                pending = index if edited is not None and index >= edited else None
            if pending is not None and cell_done is not None:
                cell_done(pending, _about_cell(program, facts, pending, checkpoints[pending]))
            end = take(interp, interp.last_end)
            interp.cancelled = cancelled
            interp.finish()
        except Cancelled:
            self._last = _Run(keys, facts, list(interp.functions), checkpoints, None)
            raise
        facts.analysed = True
        self._last = _Run(keys, facts, list(interp.functions), checkpoints, end)
        return facts


def _about_cell(program: Program, facts: Facts, index: int, before: Checkpoint) -> Facts:
    """The facts about code cell ``index``, read from what was recorded since it started."""
    cell = program.cells[index - 1]
    first = cell.start_line or 1
    return facts.about(first, first + cell.line_count - 1, before.facts)


def _first_changed(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> int | None:
    """The 1-based index of the first cell that differs (None: nothing changed at all)."""
    for i, (a, b) in enumerate(zip(old, new), 1):
        if a != b:
            return i
    if len(old) != len(new):
        return min(len(old), len(new)) + 1
    return None
