"""Abstract values. Each carries an ``Origin``: where it came from and why.

Values compare by what they are (shape, dtype), not by where they came from,
so that environments can be compared at cell boundaries and loops converge.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from derivlint.shapes.dims import Dim
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape


@dataclass(frozen=True, eq=False)
class Origin:
    """Where a value came from.

    ``reason`` is for people ("annotated", "np.zeros", "X.T @ X").
    ``func`` and ``inputs`` are for rules that need to know *what* computed a
    value: ``func`` is a qualified name (``numpy.sum``, ``operator.sub``,
    ``attr.T``, ``user.softmax``), ``inputs`` the argument values, ``params``
    the keyword facts that matter (``axis``, ``keepdims``; ``argument``: the
    caller's value a declared parameter was bound from).
    """

    node: ast.AST | None
    reason: str
    func: str | None = None
    inputs: tuple[Value, ...] = ()
    params: tuple[tuple[str, Any], ...] = ()

    def param(self, name: str, default: Any = None) -> Any:
        for key, value in self.params:
            if key == name:
                return value
        return default


NO_ORIGIN = Origin(None, "unknown")


@dataclass(frozen=True)
class Value:
    origin: Origin = field(default=NO_ORIGIN, compare=False, repr=False)


@dataclass(frozen=True)
class UnknownV(Value):
    pass


@dataclass(frozen=True)
class ArrayV(Value):
    shape: Shape = UNKNOWN_SHAPE
    dtype: str | None = None  # "float" | "int" | "bool" | "complex" | None
    #: the ``np.empty`` call whose unwritten memory this still is (see ``contents.py``)
    uninit: ast.AST | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class ScalarV(Value):
    """A Python / numpy scalar. ``dim`` is set for integers whose value is a known dim."""

    kind: str | None = None  # "int" | "float" | "bool" | "complex" | None
    dim: Dim | None = None
    const: Any = field(default=None, compare=False)
    #: an element of unwritten ``np.empty`` memory (see ``contents.py``)
    uninit: ast.AST | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class NoneV(Value):
    pass


@dataclass(frozen=True)
class StrV(Value):
    value: str | None = None


@dataclass(frozen=True)
class TupleV(Value):
    """A tuple or list of known length (``X.shape``, ``(n, d)``, ``[[1, 2], [3, 4]]``)."""

    items: tuple[Value, ...] = ()
    is_list: bool = False


@dataclass(frozen=True)
class DictV(Value):
    """A dict with string keys (the deeplearning.ai ``parameters["W1"]`` style)."""

    items: tuple[tuple[str, Value], ...] = ()

    def get(self, key: str) -> Value | None:
        for k, v in self.items:
            if k == key:
                return v
        return None


@dataclass(frozen=True)
class SliceV(Value):
    pass


@dataclass(frozen=True)
class ModuleV(Value):
    qualname: str = ""


@dataclass(frozen=True)
class LibFuncV(Value):
    """A modelled library callable (``numpy.linalg.inv``) or an unmodelled one."""

    qualname: str = ""


@dataclass(frozen=True)
class MethodV(Value):
    """``receiver.name`` for an array method (``X.sum``) or an rng method."""

    receiver: Value = field(default_factory=UnknownV)
    name: str = ""


@dataclass(frozen=True)
class IterV(Value):
    """An iterable whose elements have a known value (``range``, ``enumerate``, ``zip``)."""

    item: Value = field(default_factory=lambda: UNKNOWN)
    #: the number of elements, when known (``range(n)``)
    length: Dim | None = None


@dataclass(frozen=True)
class RngV(Value):
    """``np.random.default_rng(...)`` / ``np.random.RandomState(...)``."""


@dataclass(frozen=True, eq=False)
class UserFuncV(Value):
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None = None
    scope: Any = None  # the defining Frame (closures read it)
    bound_self: Value | None = None


def method_kind(fnode: ast.AST | None) -> str:
    """How a method is bound by its decorators: "static", "class", "property" or "" (plain).

    ``@staticmethod`` takes no receiver, ``@classmethod`` takes the class, and a
    ``@property`` (or its ``.setter``) is read as an attribute whose value is not followed.
    """
    for d in getattr(fnode, "decorator_list", []):
        name = d.id if isinstance(d, ast.Name) else d.attr if isinstance(d, ast.Attribute) else ""
        if name == "staticmethod":
            return "static"
        if name == "classmethod":
            return "class"
        if name in ("property", "cached_property", "setter", "getter", "deleter"):
            return "property"
    return ""


@dataclass(frozen=True, eq=False)
class ClassV(Value):
    node: ast.ClassDef | None = None
    methods: dict[str, UserFuncV] = field(default_factory=dict)
    #: attribute values written in ``__init__`` when analysed with no call site
    fields: dict[str, Value] = field(default_factory=dict)
    #: the base classes the program defines (others are not followed)
    bases: tuple[ClassV, ...] = ()


@dataclass(frozen=True, eq=False)
class InstanceV(Value):
    cls: ClassV | None = None
    fields: dict[str, Value] = field(default_factory=dict)


UNKNOWN = UnknownV()


def is_array_like(v: Value) -> bool:
    return isinstance(v, (ArrayV, ScalarV))


def shape_of(v: Value) -> Shape | None:
    """The array shape of a value, if it has one (scalars are 0-d)."""
    if isinstance(v, ArrayV):
        return v.shape
    if isinstance(v, ScalarV):
        return Shape(())
    return None
