"""Shape manipulation: reshape, transposes, new and squeezed axes, joins, tiling."""

from __future__ import annotations

import ast
from functools import reduce as _fold

from derivlint.shapes.dims import Dim, const_dim, format_dim
from derivlint.shapes.numpy.common import as_result, axis_problem, norm_axis
from derivlint.shapes.numpy.table import Call, as_array, entry, size_dims
from derivlint.shapes.shape import ONE, UNKNOWN_SHAPE, Shape
from derivlint.shapes.values import ArrayV, TupleV, Value


def flat_size(shape: Shape) -> Shape:
    if shape.variadic:
        return UNKNOWN_SHAPE
    return Shape((_fold(lambda a, b: a * b, shape.dims, ONE),))


def _size(dims: tuple[Dim, ...]) -> Dim:
    return _fold(lambda a, b: a * b, dims, ONE)


@entry("numpy.reshape", "a shape order", method=True)
def reshape(c: Call) -> Value:
    a = c.array("a")
    target = c.value("shape")
    parts = ([target] if target is not None else []) + list(c.star)
    dims: list[Dim | None] = []
    for p in parts:
        d = size_dims(p)
        if d is None:
            return c.result(UNKNOWN_SHAPE, a.dtype if a else None)
        dims.extend(d)
    if a is None or a.shape.variadic:
        if any(d is not None and d == -1 for d in dims):
            return c.result(UNKNOWN_SHAPE, a.dtype if a else None)
        return c.result(Shape(dims), a.dtype if a else None)  # type: ignore[arg-type]
    u = c.unifier
    source = _size(a.shape.dims)
    holes = [i for i, d in enumerate(dims) if d is not None and d == -1]
    if len(holes) > 1:
        c.problem("reshape", "can only specify one unknown dimension (-1)", "a")
        return c.result(UNKNOWN_SHAPE, a.dtype)
    if holes:
        known = u.resolve(_size(tuple(d for i, d in enumerate(dims) if i != holes[0])))  # type: ignore[misc]
        size = u.resolve(source)
        if size.is_const and known.is_const and (known.const == 0 or size.const % known.const):
            _reshape_problem(c, a, dims, source, f"not a multiple of {known.const}")  # type: ignore[arg-type]
            return c.result(UNKNOWN_SHAPE, a.dtype)
        inferred = size.exact_div(known)
        dims[holes[0]] = inferred if inferred is not None else c.anon("reshape", "")
        return c.result(Shape(dims), a.dtype)  # type: ignore[arg-type]
    new = _size(tuple(dims))  # type: ignore[arg-type]
    if u.eq(source, new) is False:
        _reshape_problem(c, a, dims, source, f"size {format_dim(u.resolve(new))}")  # type: ignore[arg-type]
        return c.result(UNKNOWN_SHAPE, a.dtype)
    return c.result(Shape(dims), a.dtype)  # type: ignore[arg-type]


def _reshape_problem(c: Call, a: ArrayV, dims: list[Dim], source: Dim, why: str) -> None:
    u = c.unifier
    shown = "(" + ", ".join(format_dim(u.resolve(d)) for d in dims) + ("," if len(dims) == 1 else "") + ")"
    c.problem(
        "reshape",
        f"cannot reshape {u.fmt(a.shape)} (size {format_dim(u.resolve(source))}) into {shown} ({why})",
        "a",
    )


@entry("numpy.transpose", "a axes", method=True, attribute="T")
def transpose(c: Call) -> Value:
    a = c.array("a")
    if a is None or a.shape.variadic:
        return c.result(UNKNOWN_SHAPE, a.dtype if a else None)
    rank = len(a.shape.dims)
    axes = c.const("axes") if c.has("axes") else None
    if c.star:
        axes = tuple([axes] + [s.dim.const if getattr(s, "dim", None) is not None and s.dim.is_const else None for s in c.star])  # type: ignore[union-attr]
    if axes is None:
        return c.result(Shape(tuple(reversed(a.shape.dims))), a.dtype)
    if not isinstance(axes, tuple) or any(not isinstance(x, int) for x in axes):
        return c.result(UNKNOWN_SHAPE, a.dtype)
    if len(axes) != rank:
        c.problem("axis", f"axes {axes} don't match an array of {rank} dimensions", "a")
        return c.result(UNKNOWN_SHAPE, a.dtype)
    normed = [norm_axis(x, rank) for x in axes]
    if any(n is None for n in normed):
        axis_problem(c, axes, rank, "axes")
        return c.result(UNKNOWN_SHAPE, a.dtype)
    return c.result(Shape([a.shape.dims[n] for n in normed]), a.dtype)  # type: ignore[index]


@entry(["numpy.swapaxes"], "a axis1 axis2", method=True)
def swapaxes(c: Call) -> Value:
    a = c.array("a")
    i, j = c.const("axis1"), c.const("axis2")
    if a is None or a.shape.variadic or not isinstance(i, int) or not isinstance(j, int):
        return c.result(UNKNOWN_SHAPE, a.dtype if a else None)
    rank = len(a.shape.dims)
    ni, nj = norm_axis(i, rank), norm_axis(j, rank)
    if ni is None or nj is None:
        axis_problem(c, i if ni is None else j, rank)
        return c.result(UNKNOWN_SHAPE, a.dtype)
    dims = list(a.shape.dims)
    dims[ni], dims[nj] = dims[nj], dims[ni]
    return c.result(Shape(dims), a.dtype)


@entry("numpy.expand_dims", "a axis")
def expand_dims(c: Call) -> Value:
    a = c.array("a")
    axis = c.axis()
    if a is None or a.shape.variadic or not isinstance(axis, (int, tuple)):
        return c.result(UNKNOWN_SHAPE, a.dtype if a else None)
    axes = axis if isinstance(axis, tuple) else (axis,)
    rank = len(a.shape.dims) + len(axes)
    normed = [norm_axis(x, rank) for x in axes]
    if any(n is None for n in normed):
        axis_problem(c, axis, rank)
        return c.result(UNKNOWN_SHAPE, a.dtype)
    rest = iter(a.shape.dims)
    return c.result(Shape([ONE if i in normed else next(rest) for i in range(rank)]), a.dtype)


@entry("numpy.squeeze", "a axis", method=True)
def squeeze(c: Call) -> Value:
    a = c.array("a")
    if a is None or a.shape.variadic:
        return c.result(UNKNOWN_SHAPE, a.dtype if a else None)
    u, rank = c.unifier, len(a.shape.dims)
    axis = c.axis()
    if axis is None:
        keep = []
        for d in a.shape.dims:
            r = u.resolve(d)
            if r == ONE:
                continue
            if not r.is_const and not r.is_rigid:
                return c.result(UNKNOWN_SHAPE, a.dtype)  # might be 1
            keep.append(d)
        return c.result(Shape(keep), a.dtype) if keep else c.scalar(a.dtype or "float")
    if not isinstance(axis, (int, tuple)):
        return c.result(UNKNOWN_SHAPE, a.dtype)
    axes = axis if isinstance(axis, tuple) else (axis,)
    normed = [norm_axis(x, rank) for x in axes]
    if any(n is None for n in normed):
        axis_problem(c, axis, rank)
        return c.result(UNKNOWN_SHAPE, a.dtype)
    for x, n in zip(axes, normed):
        size = u.resolve(a.shape.dims[n])  # type: ignore[index]
        if size.is_const and size.const != 1:
            c.problem("axis", f"cannot squeeze axis {x} of {u.fmt(a.shape)}: its size is {size.const}, not 1", "a")
            return c.result(UNKNOWN_SHAPE, a.dtype)
    return as_result(c, Shape([d for i, d in enumerate(a.shape.dims) if i not in normed]), a.dtype)


@entry(["numpy.ravel"], "a order", method=["ravel", "flatten"])
def ravel(c: Call) -> Value:
    a = c.array("a")
    return c.result(flat_size(a.shape) if a else UNKNOWN_SHAPE, a.dtype if a else None)


def _parts(c: Call) -> list[tuple[ast.AST | None, ArrayV | None]] | None:
    seq = c.value(c.first)
    node = c.arg_nodes.get(c.first)
    if not isinstance(seq, TupleV):
        return None
    nodes: list[ast.AST | None] = list(node.elts) if isinstance(node, (ast.Tuple, ast.List)) else [None] * len(seq.items)
    if len(nodes) != len(seq.items):
        nodes = [None] * len(seq.items)
    return [(n, as_array(v)) for n, v in zip(nodes, seq.items)]


def join(c: Call, parts: list[tuple[ast.AST | None, ArrayV | None]], axis: int, new_axis: bool,
         own: list[tuple[ast.AST | None, ArrayV | None]] | None = None) -> Value:
    """concatenate (``new_axis=False``) or stack (``True``) along ``axis``.

    ``own`` are the parts as written, when ``parts`` are them promoted (vstack reads
    ``(3,)`` as ``(1, 3)``): problems describe each array by the shape it has.
    """
    if not parts or any(a is None or a.shape.variadic for _, a in parts):
        return c.result(UNKNOWN_SHAPE, None)
    shown = {id(a): o for (_, a), (_, o) in zip(parts, own or parts)}
    u = c.unifier
    shapes = [a.shape for _, a in parts]  # type: ignore[union-attr]
    rank = len(shapes[0].dims)
    out_rank = rank + (1 if new_axis else 0)
    ax = norm_axis(axis, out_rank)
    first_node, first = parts[0]
    if ax is None or (rank == 0 and not new_axis):
        what = f"axis {axis} is out of range for an array of {out_rank} dimension{'s' if out_rank != 1 else ''}"
        c.services.problem("axis", c.node, what, [(first_node, shown[id(first)])])
        return c.result(UNKNOWN_SHAPE, None)
    for node, a in parts[1:]:
        s = a.shape  # type: ignore[union-attr]
        if len(s.dims) != rank:
            msg = f"{u.fmt(shapes[0])} and {u.fmt(s)} have different numbers of dimensions"
            c.services.problem("concat", c.node, msg, [(first_node, shown[id(first)]), (node, shown[id(a)])])
            return c.result(UNKNOWN_SHAPE, None)
        for i, (d0, d1) in enumerate(zip(shapes[0].dims, s.dims)):
            if (new_axis or i != ax) and u.eq(d0, d1) is False:
                where = "" if new_axis else f" off the join axis {axis}"
                read = "read as " if shown[id(first)] is not first or shown[id(a)] is not a else ""
                msg = (f"{read}{u.fmt(shapes[0])} and {u.fmt(s)}{', they' if read else ''} differ in dim {i}{where}: "
                       f"{format_dim(u.resolve(d0))} and {format_dim(u.resolve(d1))}")
                c.services.problem("concat", c.node, msg, [(first_node, shown[id(first)]), (node, shown[id(a)])])
                return c.result(UNKNOWN_SHAPE, None)
    dims = list(shapes[0].dims)
    if new_axis:
        dims.insert(ax, const_dim(len(parts)))
    else:
        dims[ax] = _fold(lambda x, y: x + y, (s.dims[ax] for s in shapes))
    from derivlint.shapes.numpy.common import promote

    return c.result(Shape(dims), promote(*(a.dtype for _, a in parts)))  # type: ignore[union-attr]


@entry("numpy.concatenate", "arrays axis out", arrays="arrays")
def concatenate(c: Call) -> Value:
    parts = _parts(c)
    axis = c.axis() if "axis" in c.args else 0
    if parts is not None and axis is None:  # axis=None joins the flattened arrays
        parts = [(n, ArrayV(a.origin, flat_size(a.shape), a.dtype) if a else None) for n, a in parts]
        axis = 0
    if parts is None or not isinstance(axis, int):
        return c.result(UNKNOWN_SHAPE, None)
    return join(c, parts, axis, False)


@entry("numpy.stack", "arrays axis out", arrays="arrays")
def stack(c: Call) -> Value:
    parts = _parts(c)
    axis = c.axis() if "axis" in c.args else 0
    if parts is None or not isinstance(axis, int):
        return c.result(UNKNOWN_SHAPE, None)
    return join(c, parts, axis, True)


def _promote_parts(parts: list, min_rank: int, column: bool) -> list:
    out = []
    for node, a in parts:
        if a is None or a.shape.variadic:
            out.append((node, a))
            continue
        dims = a.shape.dims
        if len(dims) < min_rank:
            if len(dims) == 0:
                dims = (ONE,) * min_rank
            elif column:
                dims = dims + (ONE,)
            else:
                dims = (ONE,) + dims
        out.append((node, ArrayV(a.origin, Shape(dims), a.dtype)))
    return out


@entry("numpy.vstack", "tup", arrays="tup")
def vstack(c: Call) -> Value:
    parts = _parts(c)
    return c.result(UNKNOWN_SHAPE, None) if parts is None else join(c, _promote_parts(parts, 2, False), 0, False, parts)


@entry("numpy.hstack", "tup", arrays="tup")
def hstack(c: Call) -> Value:
    parts = _parts(c)
    if parts is None:
        return c.result(UNKNOWN_SHAPE, None)
    promoted = _promote_parts(parts, 1, False)
    one_d = all(a is not None and a.shape.rank == 1 for _, a in promoted)
    return join(c, promoted, 0 if one_d else 1, False, parts)


@entry("numpy.column_stack", "tup", arrays="tup")
def column_stack(c: Call) -> Value:
    parts = _parts(c)
    return c.result(UNKNOWN_SHAPE, None) if parts is None else join(c, _promote_parts(parts, 2, True), 1, False, parts)


@entry("numpy.broadcast_to", "array shape subok", arrays="array")
def broadcast_to(c: Call) -> Value:
    """The target shape, which each dim of ``array`` must equal or be 1 for (aligned on the right)."""
    dims = c.dims("shape")
    a = c.array("array")
    dtype = a.dtype if a else None
    if dims is None:
        return c.result(UNKNOWN_SHAPE, dtype)
    if a is not None and a.shape.known:
        u, src = c.unifier, a.shape.dims
        pairs = zip(reversed(src), reversed(dims))
        if len(src) > len(dims) or any(u.resolve(s) != ONE and u.eq(s, t) is False for s, t in pairs):
            c.problem("broadcast", f"cannot broadcast {u.fmt(a.shape)} to {u.fmt(Shape(dims))}", "array")
            return c.result(UNKNOWN_SHAPE, dtype)
    return c.result(Shape(dims), dtype)


@entry("numpy.tile", "A reps", arrays="A")
def tile(c: Call) -> Value:
    a, reps = c.array("A"), c.dims("reps")
    if a is None or a.shape.variadic or reps is None:
        return c.result(UNKNOWN_SHAPE, a.dtype if a else None)
    width = max(len(reps), len(a.shape.dims))
    dims = (ONE,) * (width - len(a.shape.dims)) + a.shape.dims
    reps = (ONE,) * (width - len(reps)) + reps
    return c.result(Shape([d * r for d, r in zip(dims, reps)]), a.dtype)


@entry("numpy.repeat", "a repeats axis", method=True)
def repeat(c: Call) -> Value:
    a, r = c.array("a"), c.dim("repeats")
    axis = c.axis()
    if a is None or a.shape.variadic or r is None or not isinstance(axis, (int, type(None))):
        return c.result(UNKNOWN_SHAPE, a.dtype if a else None)
    if axis is None:
        return c.result(Shape((flat_size(a.shape).dims[0] * r,)), a.dtype)
    rank = len(a.shape.dims)
    ax = norm_axis(axis, rank)
    if ax is None:
        axis_problem(c, axis, rank)
        return c.result(UNKNOWN_SHAPE, a.dtype)
    dims = list(a.shape.dims)
    dims[ax] = dims[ax] * r
    return c.result(Shape(dims), a.dtype)


def _sorted(c: Call, dtype: str | None) -> Value:
    """Same shape along ``axis`` (default -1); ``axis=None`` sorts the flattened array."""
    a = c.array("a")
    if a is None or a.shape.variadic:
        return c.result(UNKNOWN_SHAPE, dtype)
    if "axis" in c.args and c.axis() is None:
        return c.result(flat_size(a.shape), dtype)
    axis = c.axis() if "axis" in c.args else -1
    if not isinstance(axis, int):
        return c.result(UNKNOWN_SHAPE, dtype)
    if norm_axis(axis, len(a.shape.dims)) is None:
        axis_problem(c, axis, len(a.shape.dims))
        return c.result(UNKNOWN_SHAPE, dtype)
    return c.result(a.shape, dtype)


@entry("numpy.sort", "a axis kind order")
def sort(c: Call) -> Value:
    a = c.array("a")
    return _sorted(c, a.dtype if a else None)


@entry("numpy.argsort", "a axis kind order", method=True)
def argsort(c: Call) -> Value:
    return _sorted(c, "int")
