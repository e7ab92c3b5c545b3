"""``numpy.random`` legacy functions and ``default_rng()`` Generator methods (``rng.*``)."""

from __future__ import annotations

from derivlint.shapes.numpy.common import elementwise
from derivlint.shapes.numpy.table import Call, entry, size_dims
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape
from derivlint.shapes.values import ArrayV, ScalarV, Value


@entry(["numpy.random.randn", "numpy.random.rand"], "")
def randn(c: Call) -> Value:
    dims = []
    for k, v in enumerate(c.star):
        d = size_dims(v)
        if d is None and isinstance(v, ScalarV) and v.kind in ("int", None):
            d = (c.anon(("size", k)),)  # a number of unknown value: a size all the same
        if d is None or len(d) != 1:
            return c.result(UNKNOWN_SHAPE)
        dims.append(d[0])
    if not dims:
        return c.scalar("float")
    return c.result(Shape(dims))


def _with_size(c: Call, params: tuple[str, ...], dtype: str) -> Value:
    if c.has("size"):
        dims = c.dims("size")
        return c.result(Shape(dims) if dims is not None else UNKNOWN_SHAPE, dtype)
    present = [p for p in params if c.has(p)]
    if not present:
        return c.scalar(dtype)
    return elementwise(c, present, dtype)


@entry(["numpy.random.normal", "rng.normal"], "loc scale size", arrays="loc scale")
def normal(c: Call) -> Value:
    return _with_size(c, ("loc", "scale"), "float")


@entry(["numpy.random.uniform", "rng.uniform"], "low high size", arrays="low high")
def uniform(c: Call) -> Value:
    return _with_size(c, ("low", "high"), "float")


@entry(["numpy.random.standard_normal", "numpy.random.random", "numpy.random.random_sample",
        "numpy.random.sample"], "size")
@entry(["rng.standard_normal", "rng.random"], "size dtype")
def standard_normal(c: Call) -> Value:
    return _with_size(c, (), "float")


@entry(["numpy.random.randint", "rng.integers"], "low high size dtype", arrays="low high")
def integers(c: Call) -> Value:
    return _with_size(c, (), "int")


@entry(["numpy.random.choice", "rng.choice"], "a size replace p", arrays="a")
def choice(c: Call) -> Value:
    """Draws from ``arange(a)`` or from the rows of ``a`` (a Generator accepts N-D ``a``)."""
    a = c.array("a")
    if a is not None and a.shape.rank == 0:
        return _with_size(c, (), "int")
    dtype = a.dtype if a is not None else None
    # an unknown ``a`` is taken to be 1-D, as the legacy function requires
    rows = () if a is None else None if a.shape.variadic else a.shape.dims[1:]
    size = c.dims("size") if c.has("size") else ()
    if rows is None or size is None or c.const("axis", 0) != 0:
        return c.result(UNKNOWN_SHAPE, dtype)
    shape = Shape(size + rows)
    return c.result(shape, dtype) if shape.dims else c.scalar(dtype)


@entry(["numpy.random.permutation", "rng.permutation"], "x", arrays="x")
def permutation(c: Call) -> Value:
    x = c.array("x")
    if x is None:
        return c.result(UNKNOWN_SHAPE)
    if x.shape.rank == 0:
        d = c.dim("x")
        return c.result(Shape((d,)) if d is not None else UNKNOWN_SHAPE, "int")
    return c.result(x.shape, x.dtype)


@entry(["numpy.random.multivariate_normal", "rng.multivariate_normal"], "mean cov size",
       arrays="mean cov")
def multivariate_normal(c: Call) -> Value:
    return _draws_of_vector(c, c.array("mean"))


@entry(["numpy.random.dirichlet", "rng.dirichlet"], "alpha size", arrays="alpha")
def dirichlet(c: Call) -> Value:
    """Draws of a probability vector as long as ``alpha``, ``size`` of them."""
    return _draws_of_vector(c, c.array("alpha"))


def _draws_of_vector(c: Call, param: ArrayV | None) -> Value:
    """``size`` draws (one if no size) of a vector as long as the 1-D ``param``: ``size + (k,)``."""
    k = param.shape.dims if param is not None and param.shape.rank == 1 else None
    if k is None:
        return c.result(UNKNOWN_SHAPE)
    if not c.has("size"):
        return c.result(Shape(k))
    dims = c.dims("size")
    return c.result(Shape(dims + tuple(k)) if dims is not None else UNKNOWN_SHAPE)
