"""A memoised call's result, re-expressed in terms of this call's arguments.

User functions are memoised on the shapes of their arguments: ``logdet(S1)`` and
``logdet(S0)`` share one analysis. Shapes are right either way, but the cached
value's origins lead to the first call's arguments, so a rule following origins
would read ``logdet(S1) - logdet(S0)`` as ``x - x``. ``reroot`` rebuilds the
origin graph of the cached result with this call's arguments in place of the
first call's: the function is the same, so is what it computes from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from derivlint.shapes.values import ArrayV, DictV, NoneV, ScalarV, TupleV, UnknownV, Value

#: values visited at most; a larger graph keeps its first call's origins (shapes stay right)
BUDGET = 5000


@dataclass(frozen=True)
class CachedCall:
    """A memoised result, the arguments it was computed for, and what they were bound to in the callee."""

    result: Value
    args: tuple[Value, ...]
    #: per argument, the parameter value the body saw (the argument, or its declared stand-in)
    bound: tuple[Value, ...]
    #: results already re-expressed, by the ids of their arguments (kept with them: ids are reused)
    seen: dict[tuple[int, ...], tuple[tuple[Value, ...], Value]] = field(default_factory=dict, compare=False)


class _OverBudget(Exception):
    pass


def reroot(cached: CachedCall, args: Sequence[Value]) -> Value | None:
    """The cached result for ``args``; None when the first call cannot be mapped onto this one."""
    if len(args) != len(cached.args) or all(a is b for a, b in zip(args, cached.args)):
        return cached.result if len(args) == len(cached.args) else None
    key = tuple(id(a) for a in args)
    seen = cached.seen.get(key)
    if seen is not None and all(a is b for a, b in zip(seen[0], args)):
        return seen[1]  # the same arguments again: the same value, one stand-in per declared parameter
    result = _rerooted(cached, args)
    if result is not None:
        cached.seen[key] = (tuple(args), result)
    return result


def _rerooted(cached: CachedCall, args: Sequence[Value]) -> Value | None:
    mapping: dict[int, Value] = {}
    for old, new, bound in zip(cached.args, args, cached.bound):
        if old is new:
            target = bound
        elif bound is old:
            target = new
        else:  # a declared parameter: the body saw a stand-in, this call gets its own
            target = replace(bound)
        if mapping.setdefault(id(bound), target) is not target:
            return None  # f(p, p) cached, f(p, q) called: the first call's graph cannot tell them apart
    if all(mapping[id(b)] is b for b in cached.bound):
        return cached.result
    try:
        return _substitute(cached.result, mapping, {}, [BUDGET])
    except _OverBudget:
        return cached.result


def _substitute(v: Value, mapping: dict[int, Value], memo: dict[int, Value], budget: list[int]) -> Value:
    found = mapping.get(id(v))
    if found is not None:
        return found
    done = memo.get(id(v))
    if done is not None:
        return done
    budget[0] -= 1
    if budget[0] < 0:
        raise _OverBudget
    out = v
    if isinstance(v, (ArrayV, ScalarV, TupleV, UnknownV, NoneV, DictV)):
        inputs = tuple(_substitute(i, mapping, memo, budget) for i in v.origin.inputs)
        if any(a is not b for a, b in zip(inputs, v.origin.inputs)):
            out = replace(out, origin=replace(v.origin, inputs=inputs))
        if isinstance(v, TupleV):
            items = tuple(_substitute(i, mapping, memo, budget) for i in v.items)
            if any(a is not b for a, b in zip(items, v.items)):
                out = replace(out, items=items)
        elif isinstance(v, DictV):
            entries = tuple((k, _substitute(i, mapping, memo, budget)) for k, i in v.items)
            if any(a[1] is not b[1] for a, b in zip(entries, v.items)):
                out = replace(out, items=entries)
    memo[id(v)] = out
    return out
