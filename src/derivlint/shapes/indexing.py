"""The shape of ``x[...]``: basic indexing (ints, slices, None, ...) and advanced indexing."""

from __future__ import annotations

import ast
from collections.abc import Callable

from derivlint.shapes.dims import Dim, const_dim
from derivlint.shapes.numpy.table import as_array, int_dim
from derivlint.shapes.shape import ONE, UNKNOWN_SHAPE, Shape, Unifier, broadcast
from derivlint.shapes.values import ArrayV, IterV, NoneV, ScalarV, SliceV, TupleV, Value

# an index item, evaluated: ("int",), ("slice", length-or-None), ("new",), ("ellipsis",),
# ("array", shape, is_bool), ("unknown",)
Item = tuple


def classify(node: ast.expr, value: Value, ev: Callable[[ast.expr], Value]) -> Item:
    if isinstance(node, ast.Slice):
        return ("slice", node)
    if isinstance(node, ast.Constant) and node.value is Ellipsis:
        return ("ellipsis",)
    if isinstance(value, NoneV):
        return ("new",)
    if isinstance(value, ScalarV) and value.kind in ("int", None) and value.kind != "bool":
        return ("int",)
    if isinstance(value, ScalarV) and value.kind == "bool":
        return ("unknown",)
    if isinstance(value, (ArrayV, TupleV)):
        a = as_array(value)
        if a is None or a.shape.variadic:
            return ("unknown",)
        if a.dtype == "bool":
            return ("array", a.shape, True)
        if a.dtype in ("int", None) or isinstance(value, TupleV):
            return ("array", a.shape, False) if a.dtype != "float" else ("unknown",)
    if isinstance(value, IterV) and value.length is not None:
        return ("array", Shape((value.length,)), False)  # numpy reads range(n) as an int array
    if isinstance(value, SliceV):
        return ("unknown",)
    return ("unknown",)


def slice_length(node: ast.Slice, dim: Dim, ev: Callable[[ast.expr], Value], u: Unifier, key: object) -> Dim:
    """Length of ``dim[lower:upper:step]`` when provable, else a fresh flexible dim."""
    def bound(n: ast.expr | None) -> Dim | None | str:
        if n is None:
            return None
        v = ev(n)
        d = int_dim(v) if isinstance(v, ScalarV) else None
        return d if d is not None else "?"

    lo, hi, step = bound(node.lower), bound(node.upper), bound(node.step)
    rd = u.resolve(dim)
    consts = [b for b in (lo, hi, step) if b is not None]
    if rd.is_const and all(isinstance(b, Dim) and u.resolve(b).is_const for b in consts):
        # everything known: Python's own slice arithmetic gives the length
        py = [u.resolve(b).const if isinstance(b, Dim) else None for b in (lo, hi, step)]
        if py[2] == 0:
            return u.anon(key, "")
        return const_dim(len(range(*slice(*py).indices(rd.const))))
    if step is not None:
        if step == "?" or not step.is_const:  # type: ignore[union-attr]
            return u.anon(key, "")
        if step.const == -1 and lo is None and hi is None:  # type: ignore[union-attr]
            return dim
        if step.const != 1:  # type: ignore[union-attr]
            return u.anon(key, "")
    if lo == "?" or hi == "?":
        return u.anon(key, "")
    start = lo if lo is not None else const_dim(0)
    stop = hi if hi is not None else dim
    assert isinstance(start, Dim) and isinstance(stop, Dim)
    r = u.resolve
    if start.is_const and start.const < 0:
        start = r(dim) + start.const
    if stop.is_const and stop.const < 0:
        stop = r(dim) + stop.const
    rd, rstart, rstop = r(dim), r(start), r(stop)
    if rd.is_const and rstart.is_const and rstop.is_const:
        lo_c = min(max(rstart.const, 0), rd.const)
        hi_c = min(max(rstop.const, 0), rd.const)
        return const_dim(max(0, hi_c - lo_c))
    # symbolic: trust it when start <= stop <= dim is structurally clear
    if hi is None or u.eq(rstop, rd) is True:
        rest = rd - rstart
        # a const start, or a length of 1 (``-1:``), which holds for any dim >= 1
        return rest if rstart.is_const or rest == const_dim(1) else u.anon(key, "")
    if rstart == const_dim(0) and rstop == const_dim(1):
        return rstop  # ``:1`` and ``0:1`` have length 1 whenever dim >= 1
    if rstart == const_dim(0) and u.eq(rstop, rd) is not True:
        return rstop if not rstop.is_const else u.anon(key, "")
    return u.anon(key, "")


def index_shape(
    base: Shape,
    items: list[Item],
    ev: Callable[[ast.expr], Value],
    u: Unifier,
    key: object,
) -> Shape | None:
    """Result shape, or None when it cannot be known."""
    if base.variadic:
        return None
    if any(it[0] == "unknown" for it in items):
        return None
    consumed = sum(
        1 if it[0] in ("int", "slice") else len(it[1].dims) if it[0] == "array" and it[2] else 1 if it[0] == "array" else 0
        for it in items
    )
    if consumed > len(base.dims):
        return None  # too many indices: an IndexError at run time, not our rule
    if sum(1 for it in items if it[0] == "ellipsis") > 1:
        return None
    expanded: list[Item] = []
    for it in items:
        if it[0] == "ellipsis":
            expanded.extend([("slice", None)] * (len(base.dims) - consumed))
        else:
            expanded.append(it)
    expanded.extend([("slice", None)] * (len(base.dims) - sum(
        1 if it[0] in ("int", "slice") else len(it[1].dims) if it[0] == "array" and it[2] else 1 if it[0] == "array" else 0
        for it in expanded)))
    out: list[Dim] = []
    adv_shapes: list[Shape] = []
    adv_pos: list[int] = []
    pos = 0
    for i, it in enumerate(expanded):
        kind = it[0]
        if kind == "new":
            out.append(ONE)
        elif kind == "int":
            pos += 1
        elif kind == "slice":
            dim = base.dims[pos]
            out.append(dim if it[1] is None else slice_length(it[1], dim, ev, u, (key, i)))
            pos += 1
        elif kind == "array":
            shape, is_bool = it[1], it[2]
            if is_bool:
                adv_shapes.append(Shape((u.anon((key, "mask", i), ""),)))
                pos += len(shape.dims)
            else:
                adv_shapes.append(shape)
                pos += 1
            adv_pos.append(len(out))
            out.append(ONE)  # placeholder, removed below
    # plain integers mixed with arrays count as advanced too (numpy's rule)
    if not adv_shapes:
        return Shape(out)
    ints_with_arrays = any(it[0] == "int" for it in expanded)
    adv, conflict = broadcast(adv_shapes, u, (key, "adv"))
    if conflict is not None:
        return None
    kept = [d for j, d in enumerate(out) if j not in adv_pos]
    adjacent = adv_pos == list(range(adv_pos[0], adv_pos[0] + len(adv_pos))) and not (
        ints_with_arrays and _ints_split(expanded)
    )
    at = adv_pos[0] if adjacent else 0
    return Shape(kept[:at] + list(adv.dims) + kept[at:])


def _ints_split(items: list[Item]) -> bool:
    """True when plain ints separate advanced indices (numpy then moves them to the front)."""
    kinds = [it[0] for it in items if it[0] in ("int", "array", "slice", "new")]
    marks = [i for i, k in enumerate(kinds) if k in ("int", "array")]
    return bool(marks) and marks != list(range(marks[0], marks[0] + len(marks)))


def unknown_result(origin_value: Value) -> ArrayV:
    return ArrayV(origin_value.origin, UNKNOWN_SHAPE, getattr(origin_value, "dtype", None))
