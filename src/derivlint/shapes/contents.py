"""Array contents the engine follows: memory from ``np.empty`` that nothing may have written yet.

``np.empty`` / ``np.empty_like`` return arrays whose elements are whatever was in
memory. The engine marks such an array with the call that made it (``uninit``:
an ``ArrayV`` / ``ScalarV`` field) and keeps the mark on what is still that memory
or is computed from it: arithmetic (``S + x``, an in-place ``S += x``), indexing
(``S[i]``), iteration (``for row in S``), views (``S.T``, ``S.reshape(...)``). So
``for x in X: S += x`` keeps the mark through the loop's fixpoint.

Any write that may initialise elements clears the mark, for every value made by
that call, everywhere the engine can see (aliases, views, containers): ``S[...] = v``
with any index, ``S.fill(v)`` and other mutating methods, ``out=S``, passing ``S``
to a function the engine does not model or to a user function (it may fill it),
storing it on an object. Coverage is never needed: a partial write clears too.
A write of values that themselves derive from the memory (``S[i] += v``,
``S[1:] = S[:-1] + x``) leaves the mark. Branches keep the mark only where both
paths do (``frames.join_values``), so a mark means: on every path to here, no
element may have been written.
"""

from __future__ import annotations

import ast
import dataclasses
from typing import TYPE_CHECKING

from derivlint.shapes.values import (
    ArrayV,
    ClassV,
    DictV,
    InstanceV,
    ScalarV,
    TupleV,
    UserFuncV,
    Value,
)

if TYPE_CHECKING:
    from derivlint.shapes.frames import Frame

#: operations whose result is a view of (or the same memory as) their first argument
VIEWS = frozenset({
    "attr.T", "numpy.transpose", "numpy.reshape", "numpy.ravel", "numpy.squeeze", "numpy.expand_dims",
    "numpy.swapaxes", "numpy.broadcast_to", "numpy.atleast_2d", "numpy.asarray", "numpy.asanyarray",
})
#: numeric kinds: ``np.empty(n, dtype=object)`` is full of None, not of garbage
_NUMERIC = frozenset({"float", "int", "bool", "complex", None})


def uninit_of(value: Value | None) -> ast.AST | None:
    """The ``np.empty`` call whose unwritten memory ``value`` still is (or derives from)."""
    return getattr(value, "uninit", None)


def fresh(result: Value, call: ast.AST, explicit_dtype: bool) -> Value:
    """The result of ``np.empty(...)`` at ``call``: marked, unless it has no elements or holds objects."""
    if not isinstance(result, ArrayV) or result.dtype not in _NUMERIC or (explicit_dtype and result.dtype is None):
        return result
    if any(d.is_const and d.const == 0 for d in result.shape.dims):
        return result  # np.empty((0, d)): nothing to be uninitialised
    return dataclasses.replace(result, uninit=call)


def derived(result: Value, *inputs: Value | None) -> Value:
    """``result`` computed from ``inputs``: marked with the first marked input's source."""
    if not isinstance(result, (ArrayV, ScalarV)) or result.uninit is not None:
        return result
    for v in inputs:
        source = uninit_of(v)
        if source is not None:
            return dataclasses.replace(result, uninit=source)
    return result


def cleared(value: Value) -> Value:
    """``value`` without the mark (it may have been written)."""
    if isinstance(value, (ArrayV, ScalarV)) and value.uninit is not None:
        return dataclasses.replace(value, uninit=None)
    return value


def written(frame: Frame, *values: Value | None) -> None:
    """Each value's memory may have been written: clear its mark in ``frame`` and its parents."""
    clear_sources(frame, {s for s in map(uninit_of, values) if s is not None})


def clear_sources(frame: Frame, sources: set[ast.AST]) -> None:
    """Clear the marks of these ``np.empty`` calls on every value ``frame`` and its parents hold."""
    if not sources:
        return
    f: Frame | None = frame
    while f is not None:
        for name, v in list(f.env.items()):
            new = _without(v, sources, 3)
            if new is not v:
                f.env[name] = new
        f = f.parent


def escape_all(frame: Frame) -> None:
    """Code that may run at any time (a function no cell calls, a callback) sees nothing as unwritten."""
    sources: set[ast.AST] = set()
    f: Frame | None = frame
    while f is not None:
        for v in f.env.values():
            _collect(v, sources, 3)
        f = f.parent
    clear_sources(frame, sources)


def handed_over(frame: Frame, *values: Value | None) -> None:
    """``values`` go to code the engine does not follow: their memory, and anything a callback
    among them can reach, may be written there."""
    written(frame, *values)
    if any(isinstance(v, (UserFuncV, InstanceV, ClassV)) for v in values):
        escape_all(frame)


def _without(v: Value, sources: set[ast.AST], depth: int) -> Value:
    if isinstance(v, (ArrayV, ScalarV)):
        return cleared(v) if v.uninit in sources else v
    if depth <= 0:
        return v
    if isinstance(v, TupleV):
        items = tuple(_without(i, sources, depth - 1) for i in v.items)
        return v if all(a is b for a, b in zip(items, v.items)) else dataclasses.replace(v, items=items)
    if isinstance(v, DictV):
        pairs = tuple((k, _without(i, sources, depth - 1)) for k, i in v.items)
        return v if all(a[1] is b[1] for a, b in zip(pairs, v.items)) else dataclasses.replace(v, items=pairs)
    if isinstance(v, (InstanceV, ClassV)):  # mutable fields: cleared in place
        for key, field_value in list(v.fields.items()):
            new = _without(field_value, sources, depth - 1)
            if new is not field_value:
                v.fields[key] = new
    return v


def _collect(v: Value, sources: set[ast.AST], depth: int) -> None:
    source = uninit_of(v)
    if source is not None:
        sources.add(source)
    if depth <= 0:
        return
    if isinstance(v, TupleV):
        for i in v.items:
            _collect(i, sources, depth - 1)
    elif isinstance(v, DictV):
        for _, i in v.items:
            _collect(i, sources, depth - 1)
    elif isinstance(v, (InstanceV, ClassV)):
        for i in v.fields.values():
            _collect(i, sources, depth - 1)
