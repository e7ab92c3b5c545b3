"""Array creation: sizes are read from the arguments (ints, tuples, dims from ``X.shape``)."""

from __future__ import annotations

import math

from derivlint.shapes.contents import fresh
from derivlint.shapes.dims import Dim, const_dim
from derivlint.shapes.numpy.table import Call, as_array, entry, literal_dtype, literal_shape
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape
from derivlint.shapes.values import TupleV, Value


def _dtype_arg(c: Call, default: str | None) -> str | None:
    if not c.has("dtype"):
        return default
    value = c.const("dtype", "")
    text = value.lower() if isinstance(value, str) else ""  # np.float32, float: read the source
    node = c.arg_nodes.get("dtype")
    if not text and node is not None:
        import ast

        text = ast.unparse(node).lower()
    for kind in ("bool", "complex", "int", "float"):
        if kind in text:
            return kind
    return None


def _sized(c: Call, name: str, dtype: str | None) -> Value:
    dims = c.dims(name)
    if dims is None:
        return c.result(UNKNOWN_SHAPE, dtype)
    return c.result(Shape(dims), dtype)


@entry(["numpy.zeros", "numpy.ones", "numpy.empty"], "shape dtype order")
def zeros(c: Call) -> Value:
    return _uninitialised(c, _sized(c, "shape", _dtype_arg(c, "float")))


@entry("numpy.full", "shape fill_value dtype order", arrays="fill_value")
def full(c: Call) -> Value:
    fill = c.array("fill_value")
    return _sized(c, "shape", _dtype_arg(c, fill.dtype if fill else None))


@entry(["numpy.zeros_like", "numpy.ones_like"], "a dtype order subok shape")
@entry("numpy.empty_like", "prototype dtype order subok shape", arrays="prototype")
def zeros_like(c: Call) -> Value:
    a = c.array(c.first)
    if c.has("shape"):
        return _uninitialised(c, _sized(c, "shape", _dtype_arg(c, a.dtype if a else None)))
    return _uninitialised(c, c.result(a.shape if a else UNKNOWN_SHAPE, _dtype_arg(c, a.dtype if a else None)))


def _uninitialised(c: Call, result: Value) -> Value:
    """``np.empty`` / ``np.empty_like``: the elements are whatever was in memory (``contents.py``)."""
    if c.entry.qualname not in ("numpy.empty", "numpy.empty_like"):
        return result
    return fresh(result, c.node, c.has("dtype"))


@entry("numpy.full_like", "a fill_value dtype order subok shape")
def full_like(c: Call) -> Value:
    return zeros_like(c)


@entry("numpy.eye", "N M k dtype")
def eye(c: Call) -> Value:
    n = c.dim("N")
    m = c.dim("M") if c.has("M") else n
    if n is None or m is None:
        return c.result(UNKNOWN_SHAPE, _dtype_arg(c, "float"))
    return c.result(Shape((n, m)), _dtype_arg(c, "float"))


@entry("numpy.identity", "n dtype")
def identity(c: Call) -> Value:
    n = c.dim("n")
    return c.result(Shape((n, n)) if n is not None else UNKNOWN_SHAPE, _dtype_arg(c, "float"))


def _range_len(start: Dim, stop: Dim, step: int) -> Dim | None:
    if step == 1:
        return stop - start
    if start.is_const and stop.is_const:
        return const_dim(max(0, math.ceil((stop.const - start.const) / step)))
    return None


def _number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


@entry("numpy.arange", "start stop step dtype")
def arange(c: Call) -> Value:
    """``arange(stop)``, ``arange(start, stop[, step])``: constants, or dims with a positive int step."""
    lo, hi = ("start", "stop") if c.has("stop") else (None, "start")
    bounds = (c.const(lo, 0) if lo else 0, c.const(hi))
    step = c.const("step", 1)
    dtype = _dtype_arg(c, "float" if any(isinstance(x, float) for x in (*bounds, step)) else "int")
    length = None
    if all(_number(x) for x in (*bounds, step)) and step:
        length = const_dim(max(0, math.ceil((bounds[1] - bounds[0]) / step)))
    elif isinstance(step, int) and step > 0:
        start = c.dim(lo) if lo else const_dim(0)
        stop = c.dim(hi)
        if start is not None and stop is not None:
            length = _range_len(start, stop, step)
    if length is None:
        return c.result(Shape((c.anon(0, "len"),)), dtype)
    return c.result(Shape((length,)), dtype)


@entry(["numpy.linspace", "numpy.logspace", "numpy.geomspace"], "start stop num endpoint")
def linspace(c: Call) -> Value:
    if not c.has("num"):
        return c.result(Shape((const_dim(50),)))
    n = c.dim("num")
    return c.result(Shape((n,)) if n is not None else UNKNOWN_SHAPE)


@entry("numpy.array", "object dtype", arrays="object")
@entry(["numpy.asarray", "numpy.asanyarray"], "a dtype order")
@entry("numpy.ascontiguousarray", "a dtype")
@entry("numpy.copy", "a order subok", method=True)
def array(c: Call) -> Value:
    v = c.value(c.first)
    if v is None:
        return c.result(UNKNOWN_SHAPE, None)
    shape = literal_shape(v) if isinstance(v, TupleV) else None
    if shape is not None:
        return c.result(shape, _dtype_arg(c, literal_dtype(v)))
    a = as_array(v)
    if a is None:
        return c.result(UNKNOWN_SHAPE, _dtype_arg(c, None))
    return c.result(a.shape, _dtype_arg(c, a.dtype))


@entry("numpy.atleast_2d", "arys", arrays="arys")
def atleast_2d(c: Call) -> Value:
    a = c.array("arys")
    if a is None or a.shape.variadic:
        return c.result(UNKNOWN_SHAPE, None)
    dims = a.shape.dims
    if len(dims) == 0:
        dims = (const_dim(1), const_dim(1))
    elif len(dims) == 1:
        dims = (const_dim(1),) + dims
    return c.result(Shape(dims), a.dtype)


@entry(["numpy.loadtxt", "numpy.genfromtxt"], "fname dtype", arrays="")
def loadtxt(c: Call) -> Value:
    """An array read from a text file: its shape is the file's, so unknown, but it is an array.

    Knowing that lets origins flow through loaded data (``X.T @ X`` of a loaded ``X``).
    ``dtype=None`` (genfromtxt: infer per column) leaves the dtype unknown.
    """
    return c.result(UNKNOWN_SHAPE, _dtype_arg(c, None if "dtype" in c.args else "float"))
