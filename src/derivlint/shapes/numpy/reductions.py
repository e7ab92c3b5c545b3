"""Reductions with ``axis`` / ``keepdims``, function and method forms share one entry."""

from __future__ import annotations

from derivlint.shapes.numpy.common import as_result, reduce_shape
from derivlint.shapes.numpy.table import Call, entry
from derivlint.shapes.shape import UNKNOWN_SHAPE
from derivlint.shapes.values import TupleV, Value

# ndarray has methods for some reductions only (``x.mean()``, not ``x.median()``)
_SPREAD_METHODS = ("std", "var")
_SPREAD = ("nanstd", "nanvar")
_SUM_METHODS = ("sum", "prod")
_SUM = ("nansum",)
_EXTREMA_METHODS = ("max", "min")
_EXTREMA = ("amax", "amin", "nanmax", "nanmin", "ptp")
_BOOL = ("any", "all")
_INDEX = ("argmax", "argmin")


def _reduce(c: Call, dtype: str | None) -> Value:
    a = c.array("a")
    if a is None:
        return c.result(UNKNOWN_SHAPE, dtype)
    keepdims = c.flag("keepdims", False)
    shape = reduce_shape(c, a.shape, c.axis("axis"), keepdims)
    return as_result(c, shape, dtype)


@entry([f"numpy.{f}" for f in _SUM_METHODS], "a axis dtype out keepdims", method=True)
@entry([f"numpy.{f}" for f in _SUM], "a axis dtype out keepdims")
def reduce_sum(c: Call) -> Value:
    """Sums and products of booleans count, so they are integers."""
    a = c.array("a")
    return _reduce(c, a.dtype if a is not None and a.dtype != "bool" else "int" if a else None)


@entry([f"numpy.{f}" for f in _EXTREMA_METHODS], "a axis out keepdims", method=True)
@entry([f"numpy.{f}" for f in _EXTREMA], "a axis out keepdims")
def reduce_extremum(c: Call) -> Value:
    a = c.array("a")
    return _reduce(c, a.dtype if a is not None else None)


@entry("numpy.mean", "a axis dtype out keepdims", method=True)
@entry("numpy.nanmean", "a axis dtype out keepdims")
@entry([f"numpy.{f}" for f in _SPREAD_METHODS], "a axis dtype out ddof keepdims", method=True)
@entry([f"numpy.{f}" for f in _SPREAD], "a axis dtype out ddof keepdims")
@entry("numpy.median", "a axis out overwrite_input keepdims")
def reduce_float(c: Call) -> Value:
    return _reduce(c, "float")


@entry("numpy.average", "a axis weights returned keepdims", arrays="a weights")
def average(c: Call) -> Value:
    """``returned=True`` adds the sum of the weights, broadcast to the average's shape."""
    mean = _reduce(c, "float")
    return TupleV(c.origin(), (mean, mean)) if c.flag("returned") else mean


@entry([f"numpy.{f}" for f in _BOOL], "a axis out keepdims", method=True)
def reduce_bool(c: Call) -> Value:
    return _reduce(c, "bool")


@entry([f"numpy.{f}" for f in _INDEX], "a axis out keepdims", method=True)
def reduce_index(c: Call) -> Value:
    return _reduce(c, "int")


@entry("numpy.count_nonzero", "a axis keepdims")
def count_nonzero(c: Call) -> Value:
    return _reduce(c, "int")


@entry(["numpy.cumsum", "numpy.cumprod"], "a axis dtype out", method=True)
def cumulative(c: Call) -> Value:
    a = c.array("a")
    if a is None:
        return c.result(UNKNOWN_SHAPE)
    if c.axis() is None:
        from derivlint.shapes.numpy.manipulation import flat_size

        return c.result(flat_size(a.shape), a.dtype)
    reduce_shape(c, a.shape, c.axis(), True)  # checks the axis
    return c.result(a.shape, a.dtype)
