"""Shapes (tuples of dims, possibly with unknown leading dims) and the unifier."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from derivlint.shapes.dims import Dim, Sym, compare, const_dim, format_dim

ONE = const_dim(1)


class Shape:
    """``dims`` are the known trailing dims; ``variadic`` means unknown dims may precede them."""

    __slots__ = ("_hash", "dims", "variadic")

    def __init__(self, dims: Sequence[Dim], variadic: bool = False) -> None:
        self.dims: tuple[Dim, ...] = tuple(dims)
        self.variadic = variadic
        self._hash = hash((self.dims, variadic))

    @property
    def rank(self) -> int | None:
        return None if self.variadic else len(self.dims)

    @property
    def known(self) -> bool:
        return not self.variadic

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Shape)
            and self.variadic == other.variadic
            and self.dims == other.dims
        )

    def __hash__(self) -> int:
        return self._hash

    def __str__(self) -> str:
        return format_shape(self)

    __repr__ = __str__


UNKNOWN_SHAPE = Shape((), True)
SCALAR_SHAPE = Shape(())


def format_shape(shape: Shape, resolve: Callable[[Dim], Dim] | None = None) -> str:
    dims = [format_dim(resolve(d) if resolve else d) for d in shape.dims]
    if shape.variadic:
        dims.insert(0, "...")
    if len(dims) == 1 and not shape.variadic:
        return f"({dims[0]},)"
    return "(" + ", ".join(dims) + ")"


@dataclass
class Constraint:
    """Why a symbol was bound: shown when a message must explain ``d`` = ``n``."""

    sym: Sym
    value: Dim
    reason: str
    line: int | None


class Unifier:
    """Symbol bindings learned from annotations and asserts, with their provenance.

    Symbols have unique identities, so one unifier serves a whole analysis.
    """

    def __init__(self) -> None:
        self.subst: dict[Sym, Dim] = {}
        self.why: dict[Sym, Constraint] = {}
        self._anon: dict[object, Dim] = {}

    def resolve(self, d: Dim) -> Dim:
        if not self.subst or d.is_const:
            return d
        for _ in range(8):  # bindings chain at most a few steps; bounded for safety
            nd = d.substitute(self.subst)
            if nd == d:
                return d
            d = nd
        return d

    def eq(self, a: Dim, b: Dim) -> bool | None:
        if a is b or a == b:
            return True
        return compare(self.resolve(a), self.resolve(b))

    def bind(self, a: Dim, b: Dim, reason: str, line: int | None) -> bool | None:
        """Make ``a`` and ``b`` equal where that is consistent; return whether they are equal.

        Placeholders (flexible symbols: a callee's annotation symbols at a call
        site, unknown sizes) are bound first; a user-declared symbol is bound
        only to a number it has not been told differs from.
        """
        a, b = self.resolve(a), self.resolve(b)
        verdict = compare(a, b)
        if verdict is True:
            return True
        sa, sb = a.single_symbol, b.single_symbol
        for sym, other in ((sa, b), (sb, a)):
            if sym is not None and not sym.rigid and sym not in other.symbols():
                return self._bind(sym, other, reason, line)
        if verdict is False:
            return False
        for sym, other in ((sa, b), (sb, a)):
            if sym is not None and other.is_const:
                return self._bind(sym, other, reason, line)
        return None

    def _bind(self, sym: Sym, value: Dim, reason: str, line: int | None) -> bool:
        self.subst[sym] = value
        self.why[sym] = Constraint(sym, value, reason, line)
        return True

    def anon(self, key: object, name: str = "") -> Dim:
        """A flexible dim, the same one each time for the same key (loops must converge)."""
        d = self._anon.get(key)
        if d is None:
            d = Dim.of(Sym(name, rigid=False))
            self._anon[key] = d
        return d

    def fmt(self, shape: Shape) -> str:
        return format_shape(shape, self.resolve)

    def fmt_symbolic(self, shape: Shape) -> str:
        """Like ``fmt`` but user-declared symbols keep their names: ``(n, d)``, not ``(100, 3)``."""
        flexible = {s: v for s, v in self.subst.items() if not s.rigid}

        def resolve(d: Dim) -> Dim:
            for _ in range(8):
                nd = d.substitute(flexible)
                if nd == d:
                    break
                d = nd
            return d

        return format_shape(shape, resolve if flexible else None)


@dataclass(frozen=True)
class BroadcastConflict:
    left: int  # operand index
    right: int
    axis: int  # negative axis (from the right)


def broadcast(
    shapes: Sequence[Shape], unifier: Unifier, key: object
) -> tuple[Shape, BroadcastConflict | None]:
    """numpy broadcasting over abstract shapes; a proven conflict is returned, never guessed."""
    width = max(len(s.dims) for s in shapes)
    variadic = any(s.variadic for s in shapes)
    out: list[Dim] = []
    conflict: BroadcastConflict | None = None
    for k in range(1, width + 1):
        current: Dim | None = None
        owner = -1
        unknown = False
        for i, s in enumerate(shapes):
            if k > len(s.dims):
                if s.variadic:
                    unknown = True  # an unknown leading dim may be anything
                continue
            d = s.dims[-k]
            if d == ONE:
                continue
            if current is None:
                current, owner = d, i
                continue
            verdict = unifier.eq(current, d)
            if verdict is False:
                if unifier.resolve(d) == ONE:
                    continue
                if unifier.resolve(current) == ONE:
                    current, owner = d, i
                    continue
                if conflict is None:
                    conflict = BroadcastConflict(owner, i, -k)
                unknown = True
            elif verdict is None:
                # a flexible dim (a mask's count, a joined loop dim) against a
                # known one: keep the known one rather than lose it
                cur_flex = not current.is_const and not current.is_rigid
                d_flex = not d.is_const and not d.is_rigid
                if cur_flex and not d_flex:
                    current, owner = d, i
                elif not d_flex or cur_flex:
                    unknown = True
        if current is None:
            current = ONE
            if unknown:
                current = unifier.anon((key, k), "")
        elif unknown:
            current = unifier.anon((key, k), "")
        out.append(current)
    out.reverse()
    return Shape(out, variadic), conflict
