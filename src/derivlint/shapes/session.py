"""Re-analysing a notebook from its first changed cell (the language server's notebooks).

A ``Session`` belongs to one notebook. It keeps a checkpoint of the
interpreter's state before each code cell of the last run; the next run over
an edited notebook restores the checkpoint before the first cell that changed
and runs from there, so an edit near the end of a long notebook costs a few
cells, not the notebook. The result is the same as ``analyse`` from scratch
(the tests check that); cells before the edit keep their parsed trees, since
facts are keyed by AST node. A cell whose text changed only where the engine
never looks (a comment that is not a shape annotation, trailing spaces: the
same tree, positions included) counts as unchanged, and keeps its tree too.
"""

from __future__ import annotations

import ast
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
    program: Program | None = None  # what ran: its trees are what the facts are about

    def trees_before(self, index: int | None) -> dict[int, ast.Module]:
        """The trees of the cells before ``index`` (None: every cell) that the run's facts are about.

        A run parses each cell it runs and is given the trees of the cells before its
        resume point, so these are all the trees its facts are about.
        """
        trees = self.program.parsed_trees() if self.program is not None else {}
        return trees if index is None else {i: tree for i, tree in trees.items() if i < index}

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
        #: the index of the cell ``analyse`` is running (past the last one: what comes after
        #: the cells), for a ``cancelled`` that lets the run reach the cell a newer text changed
        self.running: int = 0

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
        still running. An edited cell that counts as unchanged (only comments
        changed) is reported that way at once, before anything runs.
        ``cancelled()`` is asked before each statement once the edited cell is done;
        when it says yes, ``Cancelled`` is raised, and the cells that did run are
        kept for the next run to resume from (a cancel between two cells keeps the
        state before the second: a run resumed there starts with it).
        """
        from derivlint.shapes.interpreter import Interpreter
        from derivlint.shapes.numpy import load

        load()
        keys = [(c.kind, c.source) for c in program.cells]
        last, self._last = self._last, None  # a run that raises leaves no half-made state behind
        resume = edited = None  # the first cell the engine must run again; the first edited cell
        if last is not None:
            resume = edited = _first_changed(last.keys, keys)
            while resume is not None and last.program is not None and _same_analysis(last.program, program, resume):
                resume = _first_changed(last.keys, keys, resume + 1)
            program.reuse_trees(last.trees_before(resume))
            if resume is None and last.end is not None:
                return self._unchanged(last, program, keys, edited, cell_done)
            if resume is None:
                resume = len(keys) + 1  # what a run that was cancelled ran: go on where it stopped
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
            if edited is not None and edited in checkpoints and cell_done is not None:
                # only comments changed there, and it ran: what it found stands
                cell_done(edited, _about_cell(program, facts, edited, checkpoints[edited]))
                cell_done = None
        pending = None  # the edited cell, once it has run
        try:
            for index, before in interp.run_cells(blocks, prev_end):
                if pending is not None and cell_done is not None:
                    cell_done(pending, _about_cell(program, facts, pending, checkpoints[pending]))
                    cell_done = None
                self.running = index
                checkpoints[index] = take(interp, before)
                if cell_done is None or self.resumed_at is None:
                    interp.cancelled = cancelled  # from here on, a newer text may cut the run short
                    if cancelled is not None and cancelled():
                        raise Cancelled
                pending = index if edited is not None and index >= edited else None
            if pending is not None and cell_done is not None:
                cell_done(pending, _about_cell(program, facts, pending, checkpoints[pending]))
            self.running = len(keys) + 1
            end = take(interp, interp.last_end)
            interp.cancelled = cancelled
            interp.finish()
        except Cancelled:
            self._last = _Run(keys, facts, list(interp.functions), checkpoints, None, program)
            raise
        facts.analysed = True
        self._last = _Run(keys, facts, list(interp.functions), checkpoints, end, program)
        return facts

    def _unchanged(self, last: _Run, program: Program, keys: list[tuple[str, str]], edited: int | None,
                   cell_done: Callable[[int, Facts], None] | None) -> Facts:
        """The last run's facts, for ``program``: nothing the engine reads has changed."""
        old = last.facts
        facts = Facts(program, old.unifier, list(old.problems), list(old.events), list(old.annotation_issues),
                      old.values, list(old.assignments), list(old.params), analysed=True)
        self._last = _Run(keys, facts, last.functions, last.checkpoints, last.end, program)
        self.resumed_at = len(keys) + 1
        if edited is not None and edited in last.checkpoints and cell_done is not None:
            # what running the cell found, as the first report of a run resumed there would say
            after = [k for k in last.checkpoints if k > edited]
            until = last.checkpoints[min(after)] if after else last.end
            cell_done(edited, _about_cell(program, facts, edited, last.checkpoints[edited], until))
        return facts


def _about_cell(program: Program, facts: Facts, index: int, before: Checkpoint,
                after: Checkpoint | None = None) -> Facts:
    """The facts about code cell ``index``, read from what was recorded since it started
    (and until the next cell started)."""
    cell = program.cells[index - 1]
    first = cell.start_line or 1
    return facts.about(first, first + cell.line_count - 1, before.facts, after.facts if after else None)


def _first_changed(old: list[tuple[str, str]], new: list[tuple[str, str]], start: int = 1) -> int | None:
    """The 1-based index of the first cell from ``start`` on that differs (None: none does)."""
    for i in range(start, min(len(old), len(new)) + 1):
        if old[i - 1] != new[i - 1]:
            return i
    if len(old) != len(new):
        return min(len(old), len(new)) + 1
    return None


def _same_analysis(old: Program, new: Program, index: int) -> bool:
    """Whether code cell ``index`` changed only where the engine never looks.

    That is a comment that is not a shape annotation, or spaces at a line's end:
    the cell has the same place and parses to the same tree, positions included
    (what proves it), and every line that mentions a shape is the same line.
    """
    if index > min(len(old.cells), len(new.cells)):
        return False
    a, b = old.cells[index - 1], new.cells[index - 1]
    if a.kind != "code" or b.kind != "code" or (a.start_line, a.line_count) != (b.start_line, b.line_count):
        return False
    tree = old.cell_tree(a)
    if tree is None:
        return False
    old_code, new_code = old.cell_code(a), new.cell_code(b)
    if _shape_lines(old_code) != _shape_lines(new_code) or _before_hash(old_code) != _before_hash(new_code):
        return False  # a shape comment changed, or the code did (most edits: no need to parse)
    return new.parses_like(b, tree)


def _shape_lines(code: str) -> list[tuple[int, str]]:
    """The lines that may carry a ``# shape:`` annotation: "shape" after a ``#`` (the engine
    reads those comments, and an annotation error spans to the end of its line)."""
    return [(i, line) for i, line in enumerate(code.split("\n")) if "shape" in line.partition("#")[2].lower()]


def _before_hash(code: str) -> list[str]:
    """Each line up to its first ``#``, right-stripped: equal for texts that differ only in comments."""
    return [line.split("#", 1)[0].rstrip() for line in code.split("\n")]
