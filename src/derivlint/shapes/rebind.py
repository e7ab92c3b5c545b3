"""Re-use a memoised call result for new arguments, keeping origins true.

A user function is analysed once per argument *shapes*; a second call with the same
shapes gets the first call's result. Its shape is right, but its origin chain still
points at the first call's arguments: a rule asking "is this the sigmoid of a score
that uses the ``w`` being updated?" would then look at the wrong ``w``. ``rebind``
rebuilds the chain with the new arguments in place of the old ones (by identity),
sharing every part that does not reach an argument, so identity tests (``a is b``)
between parts of one result keep working.
"""

from __future__ import annotations

import dataclasses

from derivlint.shapes.values import DictV, Origin, TupleV, Value

#: values visited per rebinding, at most: origin chains reaching outside the call can be
#: long, and a rule never follows one further than a few steps
BUDGET = 400


def rebind(result: Value, old: list[Value], new: list[Value]) -> Value:
    """``result`` with each value of ``old`` (by identity) replaced by its partner in ``new``."""
    swap = {id(o): n for o, n in zip(old, new) if o is not n}
    if not swap:
        return result
    done: dict[int, Value] = {}
    budget = [BUDGET]

    def visit(v: Value) -> Value:
        key = id(v)
        if key in swap:
            return swap[key]
        if key in done:
            return done[key]
        if budget[0] <= 0:
            return v
        budget[0] -= 1
        done[key] = v  # a cycle (never expected) ends here unchanged
        out = v
        inputs = tuple(visit(i) for i in v.origin.inputs)
        if any(a is not b for a, b in zip(inputs, v.origin.inputs)):
            o = v.origin
            out = dataclasses.replace(v, origin=Origin(o.node, o.reason, o.func, inputs, o.params))
        if isinstance(out, TupleV):
            items = tuple(visit(i) for i in out.items)
            if any(a is not b for a, b in zip(items, out.items)):
                out = dataclasses.replace(out, items=items)
        elif isinstance(out, DictV):
            pairs = tuple((k, visit(i)) for k, i in out.items)
            if any(a is not b for (_, a), (_, b) in zip(pairs, out.items)):
                out = dataclasses.replace(out, items=pairs)
        done[key] = out
        return out

    return visit(result)
