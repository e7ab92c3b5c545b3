"""What an annotation says about a shape, before the engine gives it meaning.

A ``ShapeSpec`` is a parsed, unevaluated declaration such as ``(n, d+1)`` or
``"*batch k"``. The engine turns the symbol names into dimensions of the scope
the annotation belongs to. Parsers build these from text with their own
tokenizer; no annotation text ever reaches ``eval``/``sympify``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SymDim:
    """A named dimension: ``n``, ``n_samples``."""

    name: str


@dataclass(frozen=True)
class IntDim:
    value: int


@dataclass(frozen=True)
class AnyDim:
    """``_`` (or ``#n``-style broadcastable / unnamed dims): matches anything."""


@dataclass(frozen=True)
class BinDim:
    """Integer arithmetic on dims: op is one of ``+ - *`` (``h*w``, ``n+1``, ``2*d``)."""

    op: str
    left: DimExpr
    right: DimExpr


@dataclass(frozen=True)
class VarDims:
    """Any number of dims: ``*batch`` (name ``batch``) or ``...`` (name None)."""

    name: str | None = None


DimExpr = SymDim | IntDim | AnyDim | BinDim
DimItem = DimExpr | VarDims


@dataclass(frozen=True)
class ShapeSpec:
    """A declared shape. ``dims`` has at most one ``VarDims``.

    ``dtype`` is ``"float"``, ``"int"``, ``"bool"`` or None (unknown / any).
    ``scalar`` marks a declaration of a 0-d value (``Float[np.ndarray, ""]``, "scalar").
    ``text`` is the annotation text as written, for messages.
    """

    dims: tuple[DimItem, ...]
    text: str
    dtype: str | None = None

    @property
    def rank(self) -> int | None:
        if any(isinstance(d, VarDims) for d in self.dims):
            return None
        return len(self.dims)


@dataclass(frozen=True)
class SpecError:
    """An annotation that looks like a shape but cannot be parsed (rule S107)."""

    message: str
    text: str


def format_dim(d: DimItem) -> str:
    if isinstance(d, SymDim):
        return d.name
    if isinstance(d, IntDim):
        return str(d.value)
    if isinstance(d, AnyDim):
        return "_"
    if isinstance(d, VarDims):
        return f"*{d.name}" if d.name else "..."
    left, right = format_dim(d.left), format_dim(d.right)
    if d.op == "*":
        return f"{left}*{right}"
    return f"{left}{d.op}{right}"
