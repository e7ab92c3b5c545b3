"""The numpy table: one declarative entry per modelled function.

An entry names the numpy callable it models (so tests can compare with numpy
on real arrays, and the derivation evaluator can call it), its parameters in
numpy's order, and an ``infer`` function from a bound ``Call`` to a value.
Method forms (``x.sum(axis=1)``) share the function's entry.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from derivlint.shapes.dims import Dim, const_dim
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape, Unifier
from derivlint.shapes.values import (
    NO_ORIGIN,
    ArrayV,
    NoneV,
    Origin,
    ScalarV,
    TupleV,
    UnknownV,
    Value,
)


class Services(Protocol):
    """What the interpreter offers to table entries."""

    unifier: Unifier

    def problem(self, kind: str, node: ast.AST, message: str, operands: Sequence[Any]) -> None: ...


@dataclass(frozen=True)
class Entry:
    qualname: str
    params: tuple[str, ...]
    infer: Callable[[Call], Value]
    #: dotted path of the real callable (tests import it); ``rng.normal`` style
    #: names are methods of ``numpy.random.default_rng()``
    numpy: str
    method: bool = False
    #: the parameters that are arrays (recorded as operands of the event)
    arrays: tuple[str, ...] = ("a",)


TABLE: dict[str, Entry] = {}
METHODS: dict[str, Entry] = {}
#: names that are attributes, not calls: ``x.T`` -> entry
ATTRIBUTES: dict[str, Entry] = {}


def entry(
    names: str | Sequence[str],
    params: str,
    *,
    method: bool | Sequence[str] = False,
    arrays: str = "a",
    attribute: str | None = None,
) -> Callable[[Callable[[Call], Value]], Callable[[Call], Value]]:
    """Register ``infer`` for one or more qualified names sharing a signature."""
    qualnames = [names] if isinstance(names, str) else list(names)

    def register(infer: Callable[[Call], Value]) -> Callable[[Call], Value]:
        for q in qualnames:
            e = Entry(q, tuple(params.split()), infer, q, bool(method), tuple(arrays.split()))
            TABLE[q] = e
            if method:
                mnames = [q.rsplit(".", 1)[1]] if method is True else list(method)
                for m in mnames:
                    METHODS.setdefault(m, e)
            if attribute:
                ATTRIBUTES[attribute] = e
        return infer

    return register


def alias(name: str, target: str, params: str | None = None, arrays: str | None = None) -> None:
    """``scipy.linalg.inv`` behaves as ``numpy.linalg.inv`` for shapes.

    ``params`` / ``arrays`` give the alias's own parameter names where they differ.
    """
    e = TABLE[target]
    TABLE[name] = replace(
        e,
        qualname=target,
        numpy=name,
        params=tuple(params.split()) if params is not None else e.params,
        arrays=tuple(arrays.split()) if arrays is not None else e.arrays,
    )


@dataclass
class Call:
    """A call bound to an entry's parameters."""

    entry: Entry
    node: ast.AST
    services: Services
    args: dict[str, Value]
    arg_nodes: dict[str, ast.AST]
    star: list[Value] = field(default_factory=list)
    star_nodes: list[ast.AST] = field(default_factory=list)

    # -- arguments ----------------------------------------------------
    @property
    def first(self) -> str:
        """The first parameter's name (numpy's vary: ``a``, ``x``, ``prototype``, ``A``)."""
        return self.entry.params[0]

    def has(self, name: str) -> bool:
        v = self.args.get(name)
        return v is not None and not isinstance(v, NoneV)

    def value(self, name: str) -> Value | None:
        return self.args.get(name)

    def array(self, name: str) -> ArrayV | None:
        """The argument as an array (scalars are 0-d, list literals have their shape)."""
        v = self.args.get(name)
        return as_array(v) if v is not None else None

    def shape(self, name: str) -> Shape | None:
        a = self.array(name)
        return a.shape if a is not None else None

    def dim(self, name: str) -> Dim | None:
        v = self.args.get(name)
        return int_dim(v) if v is not None else None

    def dims(self, name: str) -> tuple[Dim, ...] | None:
        """A size argument: an int or a tuple of ints (``(n, d)``, ``n``).

        A number of unknown value (``np.max(y) + 1``) is a size all the same (numpy takes
        only ints there): a fresh flexible dim, so the array keeps its rank.
        """
        v = self.args.get(name)
        if v is None:
            return None
        found = size_dims(v)
        if found is not None:
            return found
        items = v.items if isinstance(v, TupleV) else (v,)
        if not all(isinstance(i, ScalarV) and (int_dim(i) is not None or i.kind in ("int", None)) for i in items):
            return None
        return tuple(int_dim(i) or self.anon(("size", name, k)) for k, i in enumerate(items))

    def const(self, name: str, default: Any = None) -> Any:
        v = self.args.get(name)
        if v is None or isinstance(v, NoneV):
            return default
        return const_of(v, missing=_UNKNOWN)

    def axis(self, name: str = "axis") -> Any:
        """None (no axis), an int, a tuple of ints, or ``UNKNOWN_AXIS``."""
        v = self.args.get(name)
        if v is None or isinstance(v, NoneV):
            return None
        c = const_of(v, missing=_UNKNOWN)
        if isinstance(c, bool):
            return UNKNOWN_AXIS
        if isinstance(c, int) or (isinstance(c, tuple) and all(isinstance(i, int) for i in c)):
            return c
        return UNKNOWN_AXIS

    def flag(self, name: str, default: bool = False) -> bool | None:
        v = self.args.get(name)
        if v is None:
            return default
        c = const_of(v, missing=_UNKNOWN)
        return c if isinstance(c, bool) else None

    # -- results ------------------------------------------------------
    def result(self, shape: Shape, dtype: str | None = "float") -> ArrayV:
        return ArrayV(self.origin(), shape, dtype)

    def scalar(self, kind: str | None = "float") -> ScalarV:
        return ScalarV(self.origin(), kind)

    def origin(self) -> Origin:
        params = tuple(
            (k, const_of(v, missing=_UNKNOWN)) for k, v in self.args.items() if k not in self.entry.arrays
        )
        inputs = tuple(v for k, v in self.args.items() if k in self.entry.arrays) + tuple(self.star)
        short = self.entry.qualname.replace("numpy.", "np.")
        return Origin(self.node, f"{short}(...)", self.entry.qualname, inputs, params)

    def anon(self, index: object, name: str = "") -> Dim:
        return self.services.unifier.anon((id(self.node), index), name)

    def problem(self, kind: str, message: str, *names: str) -> None:
        operands = [(self.arg_nodes.get(n), self.args.get(n)) for n in names]
        self.services.problem(kind, self.node, message, operands)

    @property
    def unifier(self) -> Unifier:
        return self.services.unifier


class _Unknown:
    def __repr__(self) -> str:
        return "<unknown>"


_UNKNOWN = _Unknown()
UNKNOWN_AXIS = _UNKNOWN


def const_of(v: Value, missing: Any = None) -> Any:
    """The Python constant a value is known to be (ints via their dim), else ``missing``."""
    if isinstance(v, ScalarV):
        if v.dim is not None and v.dim.is_const:
            return v.dim.const
        return v.const if v.const is not None else missing
    if isinstance(v, NoneV):
        return None
    if isinstance(v, TupleV):
        items = [const_of(i, missing) for i in v.items]
        return missing if any(i is missing for i in items) else tuple(items)
    from derivlint.shapes.values import StrV

    if isinstance(v, StrV) and v.value is not None:
        return v.value
    return missing


def int_dim(v: Value) -> Dim | None:
    if isinstance(v, ScalarV) and v.kind in ("int", None) and v.dim is not None:
        return v.dim
    if isinstance(v, ScalarV) and isinstance(v.const, int) and not isinstance(v.const, bool):
        return const_dim(v.const)
    return None


def size_dims(v: Value) -> tuple[Dim, ...] | None:
    d = int_dim(v)
    if d is not None:
        return (d,)
    if isinstance(v, TupleV):
        dims = [int_dim(i) for i in v.items]
        if all(d is not None for d in dims):
            return tuple(dims)  # type: ignore[arg-type]
    return None


def as_array(v: Value) -> ArrayV | None:
    if isinstance(v, ArrayV):
        return v
    if isinstance(v, ScalarV):
        return ArrayV(v.origin, Shape(()), v.kind)
    if isinstance(v, TupleV):
        shape = literal_shape(v)
        if shape is not None:
            return ArrayV(v.origin, shape, literal_dtype(v))
        return ArrayV(v.origin, UNKNOWN_SHAPE, None)
    if isinstance(v, UnknownV):
        return None
    return None


def literal_shape(v: Value) -> Shape | None:
    """The shape ``np.array`` gives a nested list/tuple literal, when regular."""
    if isinstance(v, ScalarV):
        return Shape(())
    if isinstance(v, ArrayV):
        return v.shape
    if not isinstance(v, TupleV):
        return None
    if not v.items:
        return Shape((const_dim(0),))
    inner = [literal_shape(i) for i in v.items]
    if any(s is None for s in inner):
        return None
    first = inner[0]
    assert first is not None
    if any(s != first for s in inner[1:]):
        return None
    return Shape((const_dim(len(v.items)),) + first.dims, first.variadic)


def literal_dtype(v: Value) -> str | None:
    kinds: set[str | None] = set()

    def walk(x: Value) -> None:
        if isinstance(x, TupleV):
            for i in x.items:
                walk(i)
        elif isinstance(x, ScalarV):
            kinds.add(x.kind)
        elif isinstance(x, ArrayV):
            kinds.add(x.dtype)
        else:
            kinds.add(None)

    walk(v)
    if None in kinds:
        return None
    for k in ("complex", "float", "int", "bool"):
        if k in kinds:
            return k
    return None


def with_origin(v: Value, origin: Origin) -> Value:
    return replace(v, origin=origin) if v.origin is NO_ORIGIN else v
