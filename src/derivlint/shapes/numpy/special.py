"""``scipy.special``: elementwise functions and axis-aware softmax / logsumexp; ``scipy.stats.entropy``."""

from __future__ import annotations

from derivlint.shapes.numpy.common import as_result, elementwise, reduce_shape
from derivlint.shapes.numpy.table import Call, as_array, entry
from derivlint.shapes.shape import UNKNOWN_SHAPE
from derivlint.shapes.values import TupleV, Value


@entry(["scipy.special.expit", "scipy.special.log_expit", "scipy.special.logit",
        "scipy.special.erf", "scipy.special.gammaln", "scipy.special.digamma"], "x", arrays="x")
def expit(c: Call) -> Value:
    return elementwise(c, ("x",), "float")


@entry(["scipy.special.xlogy", "scipy.special.xlog1py", "scipy.special.rel_entr", "scipy.special.kl_div"],
       "x1 x2", arrays="x1 x2")
def xlogy(c: Call) -> Value:
    return elementwise(c, ("x1", "x2"), "float")


@entry(["scipy.special.softmax", "scipy.special.log_softmax"], "x axis", arrays="x")
def softmax(c: Call) -> Value:
    x = c.array("x")
    if x is None:
        return c.result(UNKNOWN_SHAPE)
    if c.has("axis"):
        reduce_shape(c, x.shape, c.axis(), True)  # validates the axis
    return as_result(c, x.shape, "float")


@entry("scipy.special.logsumexp", "a axis b keepdims return_sign", arrays="a b")
def logsumexp(c: Call) -> Value:
    # the weights ``b`` broadcast with ``a`` before the reduction
    a = as_array(elementwise(c, ("a", "b"))) if c.has("b") else c.array("a")
    if a is None:
        return c.result(UNKNOWN_SHAPE)
    out = as_result(c, reduce_shape(c, a.shape, c.axis(), c.flag("keepdims", False)), "float")
    # ``return_sign=True``: (log of the magnitude, its sign), same shapes
    return TupleV(c.origin(), (out, out)) if c.flag("return_sign") else out


@entry("scipy.stats.entropy", "pk qk base axis", arrays="pk qk")
def entropy(c: Call) -> Value:
    """Entropy of ``pk``, or the KL divergence of ``pk`` from ``qk``: both broadcast, then reduced over ``axis`` (0)."""
    pk = as_array(elementwise(c, ("pk", "qk"))) if c.has("qk") else c.array("pk")
    if pk is None:
        return c.result(UNKNOWN_SHAPE)
    axis = c.axis() if "axis" in c.args else 0
    return as_result(c, reduce_shape(c, pk.shape, axis, False), "float")
