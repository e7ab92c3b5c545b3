"""Operators and ufuncs: numpy broadcasting over every array argument."""

from __future__ import annotations

from derivlint.shapes.numpy.common import elementwise, promote
from derivlint.shapes.numpy.table import Call, entry
from derivlint.shapes.shape import Shape
from derivlint.shapes.values import TupleV, UnknownV, Value

_BINARY_OPS = ("add", "sub", "mul", "truediv", "floordiv", "pow", "mod")
_COMPARE_OPS = ("eq", "ne", "lt", "le", "gt", "ge")


@entry([f"operator.{op}" for op in _BINARY_OPS], "x1 x2", arrays="x1 x2")
def binary_operator(c: Call) -> Value:
    dtype = "float" if c.entry.qualname == "operator.truediv" else "promote"
    return elementwise(c, ("x1", "x2"), dtype)


@entry([f"operator.{op}" for op in _COMPARE_OPS] + ["operator.and_", "operator.or_"], "x1 x2", arrays="x1 x2")
def compare_operator(c: Call) -> Value:
    return elementwise(c, ("x1", "x2"), "bool")


@entry(["operator.neg", "operator.pos", "operator.invert"], "x", arrays="x")
def unary_operator(c: Call) -> Value:
    return elementwise(c, ("x",))


# float results even for integer input
_UNARY_FLOAT = (
    "exp", "log", "log1p", "log2", "log10", "expm1", "sqrt", "tanh", "sin", "cos", "tan",
    "arctan", "arcsin", "arccos", "sinh", "cosh", "exp2", "cbrt", "rint", "fabs",
)
# the input's dtype (integer ``floor``/``reciprocal`` stay integer, as numpy 2 does)
_UNARY_SAME = ("abs", "absolute", "sign", "negative", "square", "floor", "ceil", "trunc",
               "reciprocal")


@entry([f"numpy.{f}" for f in _UNARY_FLOAT], "x", arrays="x")
def unary_float(c: Call) -> Value:
    x = c.array("x")
    return elementwise(c, ("x",), "float" if x is None or x.dtype != "complex" else "complex")


@entry([f"numpy.{f}" for f in _UNARY_SAME], "x", arrays="x")
def unary_same(c: Call) -> Value:
    return elementwise(c, ("x",))


@entry(["numpy.conj", "numpy.conjugate"], "x", arrays="x", method=["conj", "conjugate"])
def conjugate(c: Call) -> Value:
    return elementwise(c, ("x",))


@entry("numpy.round", "a decimals out")
def round_(c: Call) -> Value:
    return elementwise(c, ("a",))


@entry(["numpy.real", "numpy.imag"], "val", arrays="val")
def real_part(c: Call) -> Value:
    v = c.array("val")
    return elementwise(c, ("val",), "float" if v is not None and v.dtype == "complex" else "promote")


@entry(["numpy.isnan", "numpy.isinf", "numpy.isfinite", "numpy.logical_not"], "x", arrays="x")
def unary_bool(c: Call) -> Value:
    return elementwise(c, ("x",), "bool")


_BINARY_UFUNCS = ("maximum", "minimum", "power", "add", "subtract", "multiply", "divide",
                  "true_divide", "logaddexp", "arctan2", "fmax", "fmin", "hypot", "mod",
                  "floor_divide", "float_power", "copysign")


@entry([f"numpy.{f}" for f in _BINARY_UFUNCS], "x1 x2", arrays="x1 x2")
def binary_ufunc(c: Call) -> Value:
    name = c.entry.qualname.rsplit(".", 1)[1]
    float_out = name in ("divide", "true_divide", "logaddexp", "arctan2", "hypot", "float_power", "copysign")
    return elementwise(c, ("x1", "x2"), "float" if float_out else "promote")


@entry(["numpy.greater", "numpy.less", "numpy.equal", "numpy.not_equal", "numpy.greater_equal",
        "numpy.less_equal", "numpy.logical_and", "numpy.logical_or", "numpy.logical_xor"],
       "x1 x2", arrays="x1 x2")
def binary_bool(c: Call) -> Value:
    return elementwise(c, ("x1", "x2"), "bool")


@entry("numpy.where", "condition x y", arrays="condition x y")
def where(c: Call) -> Value:
    if not c.has("x") and not c.has("y"):
        # one-argument where: one index array per axis, all of the same data-dependent length
        cond = c.array("condition")
        if cond is None or not cond.shape.rank:
            return UnknownV(c.origin())
        hits = c.result(Shape((c.anon("hits"),)), "int")
        return TupleV(c.origin(), tuple(hits for _ in cond.shape.dims))
    x, y = c.array("x"), c.array("y")
    dtype = promote(x.dtype if x else None, y.dtype if y else None)
    return elementwise(c, ("condition", "x", "y"), dtype)


@entry("numpy.clip", "a a_min a_max", method=True, arrays="a a_min a_max")
def clip(c: Call) -> Value:
    return elementwise(c, ("a", "a_min", "a_max"), c.array("a").dtype if c.array("a") else None)
