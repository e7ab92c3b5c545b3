"""Reductions with ``axis`` / ``keepdims``, function and method forms share one entry."""

from __future__ import annotations

from derivlint.shapes.numpy.common import as_result, reduce_shape
from derivlint.shapes.numpy.table import Call, entry
from derivlint.shapes.shape import UNKNOWN_SHAPE
from derivlint.shapes.values import Value

_FLOAT = ("mean", "std", "var", "average", "nanmean", "nanstd", "nanvar", "median")
_SAME = ("sum", "max", "min", "prod", "amax", "amin", "nansum", "nanmax", "nanmin", "ptp")
_BOOL = ("any", "all")
_INDEX = ("argmax", "argmin")


def _reduce(c: Call, dtype: str | None) -> Value:
    a = c.array("a")
    if a is None:
        return c.result(UNKNOWN_SHAPE, dtype)
    keepdims = c.flag("keepdims", False)
    shape = reduce_shape(c, a.shape, c.axis("axis"), keepdims)
    return as_result(c, shape, dtype)


@entry([f"numpy.{f}" for f in _SAME], "a axis dtype out keepdims", method=True)
def reduce_same(c: Call) -> Value:
    a = c.array("a")
    return _reduce(c, a.dtype if a is not None and a.dtype != "bool" else "int" if a else None)


@entry([f"numpy.{f}" for f in _FLOAT], "a axis dtype out keepdims", method=True)
def reduce_float(c: Call) -> Value:
    return _reduce(c, "float")


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
