"""The interpreter's state at a notebook cell boundary, kept so a re-check can resume there.

Values are immutable, so a checkpoint copies the dicts that hold them (the
module scope, the unifier's bindings, the call caches) and records how long
each list of facts was. The exceptions are classes and instances, whose
``fields`` dicts later cells write to: their contents are copied too.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from derivlint.shapes.facts import Mark
from derivlint.shapes.values import ClassV, InstanceV

if TYPE_CHECKING:
    from derivlint.shapes.interpreter import Interpreter


class Cancelled(Exception):
    """A run given up because a newer text is waiting; the checkpoints it took stay usable."""


@dataclass(frozen=True)
class Checkpoint:
    prev_end: float  # last program line executed before the cell (declarations between apply)
    env: dict
    symbols: dict
    declared: dict
    declared_at: dict
    hints: dict
    star_imports: list
    subst: dict
    why: dict
    anon: dict
    called: set
    call_cache: dict
    quiet_cache: dict
    instances: dict
    defaults: dict
    reported: set
    functions: int
    fields: tuple[tuple[object, dict], ...]
    facts: Mark  # how many facts had been recorded


def take(interp: Interpreter, prev_end: float) -> Checkpoint:
    frame, u, facts = interp.module_frame, interp.unifier, interp.facts
    mutable = [v for v in frame.env.values() if isinstance(v, (ClassV, InstanceV))]
    mutable += list(interp.instances.values())
    fields = tuple((obj, dict(obj.fields)) for obj in {id(o): o for o in mutable}.values())
    return Checkpoint(
        prev_end, dict(frame.env), dict(frame.symbols), dict(frame.declared), dict(frame.declared_at),
        dict(frame.hints), list(frame.star_imports), dict(u.subst), dict(u.why), dict(u._anon),
        set(interp.called), dict(interp.call_cache), dict(interp.quiet_cache), dict(interp.instances),
        dict(interp.defaults), set(interp._reported), len(interp.functions), fields, facts.mark(),
    )


def restore(interp: Interpreter, cp: Checkpoint, old_functions: list, resume_line: int) -> None:
    """Put ``interp`` (fresh, over the edited program) in the state ``cp`` recorded.

    ``interp.facts`` must be a copy of the previous run's facts: its lists are cut
    back to the checkpoint, and values of nodes at or after ``resume_line`` dropped.
    """
    frame, u, facts = interp.module_frame, interp.unifier, interp.facts
    frame.env, frame.symbols = dict(cp.env), dict(cp.symbols)
    frame.declared, frame.declared_at, frame.hints = dict(cp.declared), dict(cp.declared_at), dict(cp.hints)
    frame.star_imports = list(cp.star_imports)
    u.subst, u.why, u._anon = dict(cp.subst), dict(cp.why), dict(cp.anon)
    interp.called, interp.call_cache, interp.quiet_cache = set(cp.called), dict(cp.call_cache), dict(cp.quiet_cache)
    interp.instances, interp.defaults, interp._reported = dict(cp.instances), dict(cp.defaults), set(cp.reported)
    interp.functions = list(old_functions[: cp.functions])
    for obj, fields in cp.fields:
        obj.fields.clear()  # type: ignore[attr-defined]
        obj.fields.update(fields)  # type: ignore[attr-defined]
    del facts.problems[cp.facts.problems:]
    del facts.events[cp.facts.events:]
    del facts.annotation_issues[cp.facts.annotation_issues:]
    del facts.assignments[cp.facts.assignments:]
    facts.values = _values_before(facts.values, cp.facts.values, resume_line)
    del facts.params[cp.facts.params:]


def _values_before(values: dict, recorded: int, resume_line: int) -> dict:
    """A copy of ``values`` without the nodes on ``resume_line`` or after.

    Code on those lines runs only once its cell does, so the ``recorded`` values the
    checkpoint saw come first in the dict and are all kept: only the values recorded
    after them are looked at (a dict keeps insertion order, and deleting keeps it too).
    """
    kept = dict(values)
    for node in list(itertools.islice(values, recorded, None)):
        if getattr(node, "lineno", 0) >= resume_line:
            del kept[node]
    return kept
