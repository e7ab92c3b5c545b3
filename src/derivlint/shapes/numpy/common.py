"""Shape algebra shared by table entries: broadcasting, axes, reductions, gufunc signatures."""

from __future__ import annotations

import re
from collections.abc import Sequence

from derivlint.shapes.dims import Dim, const_dim, format_dim
from derivlint.shapes.numpy.table import UNKNOWN_AXIS, Call
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape, Unifier, broadcast
from derivlint.shapes.values import Value

_DTYPE_ORDER = ("bool", "int", "float", "complex")


def promote(*dtypes: str | None) -> str | None:
    if any(d is None for d in dtypes):
        return None
    return max(dtypes, key=lambda d: _DTYPE_ORDER.index(d) if d in _DTYPE_ORDER else 2)  # type: ignore[arg-type]


def elementwise(c: Call, names: Sequence[str], dtype: str | None = "promote") -> Value:
    """Broadcast the named array arguments; report a proven conflict."""
    arrays = [(n, c.array(n)) for n in names if c.has(n)]
    if any(a is None for _, a in arrays) or not arrays:
        return c.result(UNKNOWN_SHAPE, None)
    shapes = [a.shape for _, a in arrays]  # type: ignore[union-attr]
    shape, conflict = broadcast(shapes, c.unifier, id(c.node))
    if conflict is not None:
        ln, rn = arrays[conflict.left][0], arrays[conflict.right][0]
        ls, rs = shapes[conflict.left], shapes[conflict.right]
        c.problem("broadcast", broadcast_message(c.unifier, ls, rs, conflict.axis), ln, rn)
    if dtype == "promote":
        dtype = promote(*(a.dtype for _, a in arrays))  # type: ignore[union-attr]
    if not shape.dims and not shape.variadic:
        return c.scalar(dtype or "float") if all(a.shape.rank == 0 for _, a in arrays) else c.result(shape, dtype)  # type: ignore[union-attr]
    return c.result(shape, dtype)


def broadcast_message(u: Unifier, left: Shape, right: Shape, axis: int) -> str:
    ld = left.dims[axis] if -axis <= len(left.dims) else None
    rd = right.dims[axis] if -axis <= len(right.dims) else None
    dims = ""
    if ld is not None and rd is not None:
        dims = f" — dims {format_dim(u.resolve(ld))} and {format_dim(u.resolve(rd))} cannot broadcast"
    return f"{u.fmt(left)} and {u.fmt(right)}{dims}"


def norm_axis(axis: int, rank: int) -> int | None:
    """A non-negative axis, or None when out of range."""
    if -rank <= axis < rank:
        return axis % rank if rank else 0
    return None


def axis_problem(c: Call, axis: object, rank: int, what: str = "axis") -> None:
    c.problem(
        "axis",
        f"{what} {axis} is out of range for an array of {rank} dimension{'s' if rank != 1 else ''}",
        *c.entry.arrays[:1],
    )


def reduce_shape(c: Call, shape: Shape, axis: object, keepdims: bool | None) -> Shape:
    """The shape of a reduction; reports an axis outside the array."""
    if axis is UNKNOWN_AXIS or keepdims is None:
        return UNKNOWN_SHAPE
    if shape.variadic:
        if axis is None:
            return Shape(()) if not keepdims else UNKNOWN_SHAPE
        return UNKNOWN_SHAPE
    rank = len(shape.dims)
    if axis is None:
        return Shape([const_dim(1)] * rank) if keepdims else Shape(())
    axes = axis if isinstance(axis, tuple) else (axis,)
    normed = []
    for ax in axes:
        n = norm_axis(ax, rank)  # type: ignore[arg-type]
        if n is None:
            axis_problem(c, ax, rank)
            return UNKNOWN_SHAPE
        normed.append(n)
    if keepdims:
        return Shape([const_dim(1) if i in normed else d for i, d in enumerate(shape.dims)])
    return Shape([d for i, d in enumerate(shape.dims) if i not in normed])


# -- gufunc signatures: "(n,k),(k,m)->(n,m)" with broadcast loop dims ---------

_SIG = re.compile(r"\(([^()]*)\)")


def parse_signature(sig: str) -> tuple[list[list[str]], list[list[str]]]:
    ins, outs = sig.split("->")
    parse = lambda part: [[x.strip() for x in g.split(",") if x.strip()] for g in _SIG.findall(part)]
    return parse(ins), parse(outs)


def gufunc(
    c: Call,
    signature: str,
    names: Sequence[str],
    kind: str = "matmul",
    given: Sequence[Shape] | None = None,
) -> list[Shape] | None:
    """Apply a generalized-ufunc signature; None when an input shape is unknown.

    A core dim seen twice must agree (``k`` in ``(n,k),(k,m)``); a proven
    disagreement is reported as a problem of ``kind``.
    """
    ins, outs = parse_signature(signature)
    shapes: list[Shape] = list(given) if given is not None else []
    for n in names if given is None else ():
        s = c.shape(n)
        if s is None:
            return None
        shapes.append(s)
    u = c.unifier
    bound: dict[str, tuple[Dim, int]] = {}
    loops: list[Shape] = []
    unknown = False
    for i, (core, shape) in enumerate(zip(ins, shapes)):
        if len(shape.dims) < len(core):
            if shape.variadic:
                unknown = True
                continue
            c.problem(
                kind,
                f"{u.fmt(shape)} has {len(shape.dims)} dimension(s); "
                f"{c.entry.qualname.replace('numpy.', 'np.')} needs at least {len(core)}",
                names[i],
            )
            return None
        split = len(shape.dims) - len(core)
        loops.append(Shape(shape.dims[:split], shape.variadic))
        for name, d in zip(core, shape.dims[split:]):
            if name.isdigit():
                continue
            if name in bound:
                prev, j = bound[name]
                if u.eq(prev, d) is False:
                    c.problem(
                        kind,
                        f"{u.fmt(shapes[j])} and {u.fmt(shape)} — "
                        f"{format_dim(u.resolve(prev))} and {format_dim(u.resolve(d))} must match",
                        names[j],
                        names[i],
                    )
                    return None
            else:
                bound[name] = (d, i)
    if unknown:
        return [UNKNOWN_SHAPE for _ in outs]
    loop, conflict = broadcast(loops, u, (id(c.node), "loop")) if loops else (Shape(()), None)
    if conflict is not None:
        return [UNKNOWN_SHAPE for _ in outs]
    results = []
    for core in outs:
        dims = [bound[n][0] if n in bound else const_dim(int(n)) for n in core]
        results.append(Shape(loop.dims + tuple(dims), loop.variadic))
    return results


def as_result(c: Call, shape: Shape | None, dtype: str | None = "float") -> Value:
    if shape is None:
        return c.result(UNKNOWN_SHAPE, dtype)
    if shape.rank == 0:
        return c.scalar(dtype or "float")
    return c.result(shape, dtype)

