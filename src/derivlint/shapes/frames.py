"""Scopes (frames) and the join of abstract states at control-flow merges."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from derivlint.shapes.dims import Dim
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape, Unifier
from derivlint.shapes.values import (
    UNKNOWN,
    ArrayV,
    DictV,
    Origin,
    ScalarV,
    TupleV,
    UnknownV,
    Value,
)


@dataclass
class Frame:
    """A module, function or class scope.

    ``env`` maps names to values; it is copied (cheaply: values are immutable)
    at branches and at cell boundaries. ``symbols`` are the annotation symbols
    of this scope; ``rigid`` says whether new ones are user-declared sizes
    (a function analysed on its own) or placeholders to be bound by a caller.
    """

    kind: str  # "module" | "function" | "class"
    parent: Frame | None = None
    env: dict[str, Value] = field(default_factory=dict)
    symbols: dict[str, Dim] = field(default_factory=dict)
    declared: dict[str, tuple[Shape, str | None]] = field(default_factory=dict)
    #: the program line each name in ``declared`` was declared on (for provenance)
    declared_at: dict[str, int] = field(default_factory=dict)
    #: shapes from markdown prose: used only where nothing better is known
    hints: dict[str, tuple[Shape, str | None, object]] = field(default_factory=dict)
    rigid: bool = True
    returns: list[Value] = field(default_factory=list)
    star_imports: list[str] = field(default_factory=list)
    #: names declared ``global`` in this function: they live in the module frame
    global_names: set[str] = field(default_factory=set)
    func: ast.AST | None = None
    #: another scope's declared sizes met here (through ``self.W``), as flexible dims of this scope
    foreign: dict = field(default_factory=dict)

    @property
    def module(self) -> Frame:
        f = self
        while f.parent is not None:
            f = f.parent
        return f

    def lookup(self, name: str) -> Value | None:
        f: Frame | None = self
        while f is not None:
            if f.kind != "class" or f is self:
                v = f.env.get(name)
                if v is not None:
                    return v
            f = f.parent
        return None


def join_values(a: Value | None, b: Value | None, u: Unifier, key: object) -> Value:
    """The value known on both paths; what differs becomes unknown (never a guess)."""
    if a is None or b is None:
        return a or b or UNKNOWN
    if a is b:
        return a
    if isinstance(a, ArrayV) and isinstance(b, ArrayV):
        # unwritten np.empty memory only where both paths still hold it (contents.py)
        uninit = a.uninit if a.uninit is b.uninit else None
        origin = _either(a, b)
        if a.shape == b.shape:
            return a if origin is a.origin and a.dtype == b.dtype and a.uninit is uninit else ArrayV(
                origin, a.shape, a.dtype if a.dtype == b.dtype else None, uninit=uninit)
        return ArrayV(origin, join_shapes(a.shape, b.shape, u, key), a.dtype if a.dtype == b.dtype else None,
                      uninit=uninit)
    if isinstance(a, ScalarV) and isinstance(b, ScalarV):
        if a == b and a.const != b.const:
            # lr = 0.1 on one path and -0.1 on the other: the number is either one, not the first
            return ScalarV(Origin(a.origin.node, "either path", "join", (a, b)), a.kind, a.dim)
        if a == b:
            return a
        kind = a.kind if a.kind == b.kind else None
        dim = None
        if kind == "int" and a.dim is not None and b.dim is not None:
            dim = a.dim if u.eq(a.dim, b.dim) is True else u.anon((key, "int"), "")
        return ScalarV(a.origin, kind, dim, uninit=a.uninit if a.uninit is b.uninit else None)
    if isinstance(a, TupleV) and isinstance(b, TupleV) and len(a.items) == len(b.items):
        return TupleV(a.origin, tuple(join_values(x, y, u, (key, i)) for i, (x, y) in enumerate(zip(a.items, b.items))), a.is_list)
    if isinstance(a, DictV) and isinstance(b, DictV):
        keys = [k for k, _ in a.items if b.get(k) is not None]
        return DictV(a.origin, tuple((k, join_values(a.get(k), b.get(k), u, (key, k))) for k in keys))
    if type(a) is type(b) and a == b:
        return a
    if isinstance(a, (ArrayV, ScalarV)) and isinstance(b, (ArrayV, ScalarV)):
        sa = a.shape if isinstance(a, ArrayV) else Shape(())
        sb = b.shape if isinstance(b, ArrayV) else Shape(())
        return ArrayV(a.origin, join_shapes(sa, sb, u, key), None)
    return UnknownV(a.origin)


def _either(a: Value, b: Value) -> Origin:
    """The origin of a value computed differently on two paths: either computation, not the first.

    People still see the first path's place (``node``, ``reason``); rules see ``func``
    ``"join"`` with both values as inputs, so a proof must hold on both paths.
    """
    if a.origin is b.origin:
        return a.origin
    o = a.origin
    return Origin(o.node, o.reason, "join", (a, b), o.params)


def join_shapes(a: Shape, b: Shape, u: Unifier, key: object) -> Shape:
    if a == b:
        return a
    if a.variadic or b.variadic or len(a.dims) != len(b.dims):
        return UNKNOWN_SHAPE
    dims = [x if u.eq(x, y) is True else u.anon((key, i), "") for i, (x, y) in enumerate(zip(a.dims, b.dims))]
    return Shape(dims)


def join_envs(a: dict[str, Value], b: dict[str, Value], u: Unifier, key: object) -> dict[str, Value]:
    if a is b:
        return a
    out = dict(a)
    for name, vb in b.items():
        va = a.get(name)
        if va is None:
            out[name] = vb
        elif va is not vb and (va != vb or _numbers_differ(va, vb) or _computed_differently(va, vb)):
            out[name] = join_values(va, vb, u, (key, name))
    return out


def _numbers_differ(a: Value, b: Value) -> bool:
    """Two scalars equal as values (kind, dim) holding different numbers (``const`` is not compared)."""
    return isinstance(a, ScalarV) and isinstance(b, ScalarV) and a.const != b.const


def _computed_differently(a: Value, b: Value) -> bool:
    """Two arrays equal as values (shape, dtype) that two paths computed differently."""
    return isinstance(a, ArrayV) and isinstance(b, ArrayV) and a.origin is not b.origin


def same_env(a: dict[str, Value], b: dict[str, Value]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(a[k] is b[k] or a[k] == b[k] for k in a)
