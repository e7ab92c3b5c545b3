"""Products and ``numpy.linalg``: most entries are gufunc signatures."""

from __future__ import annotations

from dataclasses import replace

from derivlint.shapes.dims import Dim, const_dim, format_dim
from derivlint.shapes.numpy.common import (
    as_result,
    axis_problem,
    elementwise,
    gufunc,
    promote,
    reduce_shape,
)
from derivlint.shapes.numpy.table import Call, alias, entry
from derivlint.shapes.shape import ONE, UNKNOWN_SHAPE, Shape, broadcast
from derivlint.shapes.values import ArrayV, ScalarV, TupleV, Value


def _product(c: Call, a_name: str, b_name: str, symbol: str) -> Value:
    """matmul semantics, with numpy's promotion of 1-D operands."""
    a, b = c.array(a_name), c.array(b_name)
    if a is None or b is None:
        return c.result(UNKNOWN_SHAPE, None)
    sa, sb = a.shape, b.shape
    if sa.rank == 0 or sb.rank == 0:
        if symbol == "@":
            c.problem("matmul", "matmul does not accept 0-d (scalar) operands; use *", a_name, b_name)
            return c.result(UNKNOWN_SHAPE, None)
        return elementwise(c, (a_name, b_name))
    if sa.variadic and not sa.dims or sb.variadic and not sb.dims:
        return c.result(UNKNOWN_SHAPE, None)
    u = c.unifier
    a_dims, b_dims = list(sa.dims), list(sb.dims)
    a_vec, b_vec = sa.rank == 1, sb.rank == 1
    if a_vec:
        a_dims = [ONE] + a_dims
    if b_vec:
        b_dims = b_dims + [ONE]
    if len(b_dims) < 2 and sb.variadic:
        return c.result(UNKNOWN_SHAPE, None)
    inner_a, inner_b = a_dims[-1], b_dims[-2] if len(b_dims) >= 2 else None
    if inner_b is None:
        return c.result(UNKNOWN_SHAPE, None)
    if u.eq(inner_a, inner_b) is False:
        c.problem(
            "matmul",
            f"{u.fmt(sa)} {symbol} {u.fmt(sb)} — inner dims "
            f"{format_dim(u.resolve(inner_a))} and {format_dim(u.resolve(inner_b))} differ",
            a_name,
            b_name,
        )
        return c.result(UNKNOWN_SHAPE, None)
    loop, conflict = broadcast(
        [Shape(a_dims[:-2], sa.variadic), Shape(b_dims[:-2], sb.variadic)], u, (id(c.node), "loop")
    )
    if conflict is not None:
        c.problem("matmul", f"{u.fmt(sa)} {symbol} {u.fmt(sb)} — batch dims cannot broadcast", a_name, b_name)
        return c.result(UNKNOWN_SHAPE, None)
    dims = list(loop.dims)
    if not a_vec:
        dims.append(a_dims[-2])
    if not b_vec:
        dims.append(b_dims[-1])
    return as_result(c, Shape(dims, loop.variadic), promote(a.dtype, b.dtype))


@entry(["numpy.matmul", "operator.matmul"], "x1 x2", arrays="x1 x2")
def matmul(c: Call) -> Value:
    return _product(c, "x1", "x2", "@")


@entry("numpy.dot", "a b out", method=True, arrays="a b")
def dot(c: Call) -> Value:
    """Up to 2-D, matmul; N-D: ``a``'s last axis against ``b``'s second-to-last, no batch broadcast."""
    a, b = c.array("a"), c.array("b")
    ranks = (a.shape.rank, b.shape.rank) if a is not None and b is not None else (None, None)
    if None in ranks or max(ranks) <= 2 or min(ranks) == 0:  # type: ignore[type-var]
        return _product(c, "a", "b", "·")
    da, db = a.shape.dims, b.shape.dims  # type: ignore[union-attr]
    if c.unifier.eq(da[-1], db[-2] if len(db) >= 2 else db[-1]) is False:
        return _product(c, "a", "b", "·")  # reports the inner dims
    out = da[:-1] + (db[:-2] + db[-1:] if len(db) >= 2 else ())
    return as_result(c, Shape(out), promote(a.dtype, b.dtype))  # type: ignore[union-attr]


@entry("numpy.inner", "a b", arrays="a b")
def inner(c: Call) -> Value:
    a, b = c.array("a"), c.array("b")
    if a is None or b is None or a.shape.variadic or b.shape.variadic:
        return c.result(UNKNOWN_SHAPE)
    if a.shape.rank == 0 or b.shape.rank == 0:
        return elementwise(c, ("a", "b"))
    u = c.unifier
    if u.eq(a.shape.dims[-1], b.shape.dims[-1]) is False:
        c.problem("matmul", f"inner({u.fmt(a.shape)}, {u.fmt(b.shape)}) — last dims differ", "a", "b")
        return c.result(UNKNOWN_SHAPE)
    return as_result(c, Shape(a.shape.dims[:-1] + b.shape.dims[:-1]))


@entry("numpy.outer", "a b", arrays="a b")
def outer(c: Call) -> Value:
    from derivlint.shapes.numpy.manipulation import flat_size

    a, b = c.array("a"), c.array("b")
    if a is None or b is None:
        return c.result(UNKNOWN_SHAPE)
    fa, fb = flat_size(a.shape), flat_size(b.shape)
    if fa.variadic or fb.variadic:
        return c.result(UNKNOWN_SHAPE)
    return c.result(Shape(fa.dims + fb.dims))


@entry("numpy.cov", "m y rowvar", arrays="m")
def cov(c: Call) -> Value:
    """``(k, n)`` (variables in rows) -> ``(k, k)``; ``rowvar=False`` reads columns."""
    return _covariance(c, c.array("m"))


@entry("numpy.corrcoef", "x y rowvar", arrays="x")
def corrcoef(c: Call) -> Value:
    return _covariance(c, c.array("x"))


def _covariance(c: Call, m: ArrayV | None) -> Value:
    rowvar = c.flag("rowvar", True)
    if m is None or c.has("y") or rowvar is None or m.shape.variadic:
        return c.result(UNKNOWN_SHAPE)
    dims = m.shape.dims
    if len(dims) == 1:
        return c.result(Shape(()))
    if len(dims) != 2:
        return c.result(UNKNOWN_SHAPE)
    k = dims[0] if rowvar else dims[1]
    return c.result(Shape((k, k)))


@entry("numpy.kron", "a b", arrays="a b")
def kron(c: Call) -> Value:
    a, b = c.array("a"), c.array("b")
    if a is None or b is None or a.shape.variadic or b.shape.variadic:
        return c.result(UNKNOWN_SHAPE)
    width = max(len(a.shape.dims), len(b.shape.dims))
    da = (ONE,) * (width - len(a.shape.dims)) + a.shape.dims
    db = (ONE,) * (width - len(b.shape.dims)) + b.shape.dims
    return c.result(Shape([x * y for x, y in zip(da, db)]))


@entry("numpy.trace", "a offset axis1 axis2", method=True)
def trace(c: Call) -> Value:
    a = c.array("a")
    if a is None or a.shape.variadic:
        return c.scalar() if a is not None and not a.shape.dims else c.result(UNKNOWN_SHAPE)
    if len(a.shape.dims) < 2:
        axis_problem(c, 1, len(a.shape.dims), "axis2")
        return c.result(UNKNOWN_SHAPE)
    return as_result(c, Shape(a.shape.dims[2:]), a.dtype)


def min_dim(c: Call, m: Dim, n: Dim, key: str = "k") -> Dim:
    """``min(m, n)``: one of them when known, else a fresh dim."""
    u = c.unifier
    rm, rn = u.resolve(m), u.resolve(n)
    if u.eq(m, n) is True:
        return m
    if rm.is_const and rn.is_const:
        return m if rm.const <= rn.const else n
    return c.anon(key, f"min({format_dim(rm)},{format_dim(rn)})")


def _diagonal_len(c: Call, n: Dim, m: Dim, k: object) -> Dim | None:
    """Length of the ``k``-th diagonal of an ``(n, m)`` matrix."""
    if k == 0:
        return min_dim(c, n, m, "diag")
    rn, rm = c.unifier.resolve(n), c.unifier.resolve(m)
    if isinstance(k, int) and rn.is_const and rm.is_const:
        return const_dim(max(0, min(rn.const, rm.const - k) if k > 0 else min(rn.const + k, rm.const)))
    return None


@entry("numpy.diag", "v k", arrays="v")
def diag(c: Call) -> Value:
    """1-D: the square matrix with ``v`` on diagonal ``k``; 2-D: that diagonal."""
    v = c.array("v")
    k = c.const("k", 0)
    if v is None or v.shape.variadic or not isinstance(k, int):
        return c.result(UNKNOWN_SHAPE, v.dtype if v else None)
    dims = v.shape.dims
    if len(dims) == 1:
        side = dims[0] + abs(k)
        return c.result(Shape((side, side)), v.dtype)
    if len(dims) == 2:
        n = _diagonal_len(c, dims[0], dims[1], k)
        return c.result(Shape((n,)) if n is not None else UNKNOWN_SHAPE, v.dtype)
    c.problem("axis", f"diag needs a 1-D or 2-D array, got {c.unifier.fmt(v.shape)}", "v")
    return c.result(UNKNOWN_SHAPE, v.dtype)


@entry("numpy.diagonal", "a offset axis1 axis2", method=True)
def diagonal(c: Call) -> Value:
    a = c.array("a")
    n = _diagonal_len(c, *a.shape.dims, c.const("offset", 0)) if a is not None and a.shape.rank == 2 else None
    return c.result(Shape((n,)) if n is not None else UNKNOWN_SHAPE, a.dtype if a else None)


def _sig(c: Call, signature: str, names: tuple[str, ...], kind: str = "matmul") -> list[Shape] | None:
    return gufunc(c, signature, names, kind)


@entry(["numpy.linalg.inv", "numpy.linalg.cholesky"], "a")
@entry("numpy.linalg.matrix_power", "a n")
@entry("scipy.linalg.expm", "A", arrays="A")
def square(c: Call) -> Value:
    out = _sig(c, "(m,m)->(m,m)", (c.first,))
    return as_result(c, out[0] if out else None)


@entry("numpy.linalg.pinv", "a rcond hermitian")
def pinv(c: Call) -> Value:
    out = _sig(c, "(m,n)->(n,m)", ("a",))
    return as_result(c, out[0] if out else None)


@entry("numpy.linalg.det", "a")
def det(c: Call) -> Value:
    out = _sig(c, "(m,m)->()", ("a",))
    return as_result(c, out[0] if out else None)


@entry("numpy.linalg.slogdet", "a")
def slogdet(c: Call) -> Value:
    """(sign, logabsdet), each tagged by its position so that rules can tell the log-det from the sign."""
    out = _sig(c, "(m,m)->()", ("a",))
    part = as_result(c, out[0] if out else None)
    return TupleV(c.origin(), tuple(replace(part, origin=_tagged(part.origin, i)) for i in range(2)))


@entry(["numpy.linalg.solve", "scipy.linalg.solve"], "a b", arrays="a b")
def solve(c: Call) -> Value:
    """``b`` is a vector only when 1-D (numpy 2)."""
    b = c.array("b")
    if b is not None and b.shape.rank == 1:
        out = _sig(c, "(m,m),(m)->(m)", (c.first, "b"))
    else:
        out = _sig(c, "(m,m),(m,k)->(m,k)", (c.first, "b"))
    return as_result(c, out[0] if out else None)


@entry("scipy.linalg.cho_solve", "c_and_lower b", arrays="c_and_lower b")
def cho_solve(c: Call) -> Value:
    """``cho_solve((c, lower), b)``: solve with the factor ``c``, the tuple's first item."""
    pair = c.value("c_and_lower")
    if not isinstance(pair, TupleV) or not pair.items:
        return c.result(UNKNOWN_SHAPE)
    return solve(replace(c, args={**c.args, "c_and_lower": pair.items[0]}))


@entry("scipy.linalg.cho_factor", "a lower", arrays="a")
def cho_factor(c: Call) -> Value:
    """``(c, lower)``: the factor, shaped as ``a``, and whether it is lower triangular."""
    out = _sig(c, "(m,m)->(m,m)", ("a",))
    return TupleV(c.origin(), (as_result(c, out[0] if out else None), c.scalar("bool")))


@entry("numpy.linalg.lstsq", "a b rcond", arrays="a b")
@entry("scipy.linalg.lstsq", "a b cond", arrays="a b")
def lstsq(c: Call) -> Value:
    """(solution, residuals, rank, singular values); the residuals' length is data-dependent."""
    b = c.array("b")
    if b is not None and b.shape.rank == 1:
        out = _sig(c, "(m,n),(m)->(n)", ("a", "b"))
    else:
        out = _sig(c, "(m,n),(m,k)->(n,k)", ("a", "b"))
    x = as_result(c, out[0] if out else None)
    a = c.array("a")
    k = min_dim(c, *a.shape.dims) if a is not None and a.shape.rank == 2 else None
    sv = c.result(Shape((k,)) if k is not None else UNKNOWN_SHAPE)
    rank = ScalarV(c.origin(), "int")
    return TupleV(c.origin(), (x, c.result(UNKNOWN_SHAPE), rank, sv))


@entry("numpy.linalg.svd", "a full_matrices compute_uv hermitian")
@entry("scipy.linalg.svd", "a full_matrices compute_uv")
def svd(c: Call) -> Value:
    a = c.array("a")
    full = c.flag("full_matrices", True)
    compute_uv = c.flag("compute_uv", True)
    if a is None or a.shape.variadic or len(a.shape.dims) < 2 or full is None:
        if compute_uv is False:
            return c.result(UNKNOWN_SHAPE)
        return TupleV(c.origin(), tuple(_output(c, i, UNKNOWN_SHAPE) for i in range(3)))
    *batch, m, n = a.shape.dims
    k = min_dim(c, m, n)
    s = c.result(Shape((*batch, k)))
    if compute_uv is False:
        return s
    if full:
        uu, vh = Shape((*batch, m, m)), Shape((*batch, n, n))
    else:
        uu, vh = Shape((*batch, m, k)), Shape((*batch, k, n))
    return TupleV(c.origin(), (_output(c, 0, uu), replace(s, origin=_tagged(s.origin, 1)), _output(c, 2, vh)))


def _output(c: Call, index: int, shape: Shape, dtype: str | None = "float") -> ArrayV:
    """Result ``index`` of a call that returns several arrays, tagged so rules can tell them apart."""
    value = c.result(shape, dtype)
    return replace(value, origin=_tagged(value.origin, index))


def _tagged(origin, index: int):  # type: ignore[no-untyped-def]
    return replace(origin, params=(*origin.params, ("output", index)))


def _eig(c: Call, values: str | None, vectors: str | None) -> Value:
    """(eigenvalues, eigenvectors), tagged as outputs 0 and 1 so rules can tell them apart."""
    out = gufunc(c, "(m,m)->(m),(m,m)", ("a",), "matmul")
    shapes = out if out else (UNKNOWN_SHAPE, UNKNOWN_SHAPE)
    dtypes = (values, vectors) if out else ("float", "float")
    outputs = (_output(c, i, shape, dtype) for i, (shape, dtype) in enumerate(zip(shapes, dtypes)))
    return TupleV(c.origin(), tuple(outputs))


@entry("numpy.linalg.eigh", "a UPLO")
@entry("scipy.linalg.eigh", "a b")
def eigh(c: Call) -> Value:
    a = c.array("a")
    return _eig(c, "float", "complex" if a is not None and a.dtype == "complex" else "float")


@entry("numpy.linalg.eig", "a")
def eig(c: Call) -> Value:
    # complex exactly when some eigenvalue is: data-dependent
    return _eig(c, None, None)


@entry("scipy.linalg.eig", "a b")
def scipy_eig(c: Call) -> Value:
    # scipy's eigenvalues are always complex; its vectors are real when they can be
    return _eig(c, "complex", None)


@entry("numpy.linalg.eigvalsh", "a UPLO")
@entry("scipy.linalg.eigvalsh", "a b")
def eigvalsh(c: Call) -> Value:
    out = gufunc(c, "(m,m)->(m)", ("a",), "matmul")
    return as_result(c, out[0] if out else None)


@entry("numpy.linalg.eigvals", "a")
def eigvals(c: Call) -> Value:
    out = gufunc(c, "(m,m)->(m)", ("a",), "matmul")
    return as_result(c, out[0] if out else None, None)


@entry("scipy.linalg.eigvals", "a b")
def scipy_eigvals(c: Call) -> Value:
    out = gufunc(c, "(m,m)->(m)", ("a",), "matmul")
    return as_result(c, out[0] if out else None, "complex")


#: the factors each ``qr`` mode returns, as (rows, cols) over ``(m, n)`` and ``k = min(m, n)``
_QR_MODES = {
    "numpy.linalg.qr": {"reduced": ("mk", "kn"), "complete": ("mm", "mn"), "r": ("kn",)},
    "scipy.linalg.qr": {"full": ("mm", "mn"), "economic": ("mk", "kn")},
}
_QR_DEFAULT = {"numpy.linalg.qr": "reduced", "scipy.linalg.qr": "full"}


@entry("numpy.linalg.qr", "a mode")
@entry("scipy.linalg.qr", "a overwrite_a lwork mode")
def qr(c: Call) -> Value:
    """(Q, R) for the mode; numpy's ``mode="r"`` returns R alone."""
    a = c.array("a")
    name = c.entry.qualname
    factors = _QR_MODES[name].get(c.const("mode", _QR_DEFAULT[name]))
    if a is None or a.shape.variadic or len(a.shape.dims) < 2 or factors is None:
        unknown = c.result(UNKNOWN_SHAPE)
        return TupleV(c.origin(), (unknown, unknown))
    *batch, m, n = a.shape.dims
    sizes = {"m": m, "n": n, "k": min_dim(c, m, n)}
    shapes = [c.result(Shape((*batch, sizes[r], sizes[s]))) for r, s in factors]
    return shapes[0] if len(shapes) == 1 else TupleV(c.origin(), tuple(shapes))


@entry("numpy.linalg.norm", "x ord axis keepdims", arrays="x")
def norm(c: Call) -> Value:
    x = c.array(c.first)
    if x is None:
        return c.scalar()
    axis = c.axis()
    if axis is None:
        keep = c.flag("keepdims", False)
        if keep and x.shape.known:
            return c.result(Shape([ONE] * len(x.shape.dims)))
        return c.scalar()
    return as_result(c, reduce_shape(c, x.shape, axis, c.flag("keepdims", False)))


@entry("numpy.einsum", "subscripts", arrays="")
def einsum(c: Call) -> Value:
    spec = c.const("subscripts")
    if not isinstance(spec, str) or "..." in spec:
        return c.result(UNKNOWN_SHAPE)
    spec = spec.replace(" ", "")
    ins_text, arrow, out_text = spec.partition("->")
    ins = ins_text.split(",")
    if len(ins) != len(c.star):
        return c.result(UNKNOWN_SHAPE)
    u = c.unifier
    letters: dict[str, tuple] = {}
    for idx, (labels, v, node) in enumerate(zip(ins, c.star, c.star_nodes)):
        from derivlint.shapes.numpy.table import as_array

        a = as_array(v)
        if a is None or a.shape.variadic:
            return c.result(UNKNOWN_SHAPE)
        if len(labels) != len(a.shape.dims):
            c.services.problem("matmul", c.node,
                               f"einsum operand {idx} is {u.fmt(a.shape)} but its subscripts '{labels}' "
                               f"name {len(labels)} dimension(s)", [(node, v)])
            return c.result(UNKNOWN_SHAPE)
        for ch, d in zip(labels, a.shape.dims):
            if ch in letters:
                prev, pnode, pv = letters[ch]
                if u.eq(prev, d) is False and u.resolve(d) != ONE and u.resolve(prev) != ONE:
                    c.services.problem(
                        "matmul", c.node,
                        f"einsum '{spec}': index '{ch}' is {format_dim(u.resolve(prev))} in one "
                        f"operand and {format_dim(u.resolve(d))} in another",
                        [(pnode, pv), (node, v)],
                    )
                    return c.result(UNKNOWN_SHAPE)
            else:
                letters[ch] = (d, node, v)
    if not arrow:
        counts = {ch: ins_text.count(ch) for ch in letters}
        out_text = "".join(sorted(ch for ch, k in counts.items() if k == 1))
    if any(ch not in letters for ch in out_text):
        return c.result(UNKNOWN_SHAPE)
    return as_result(c, Shape([letters[ch][0] for ch in out_text]))


alias("scipy.linalg.inv", "numpy.linalg.inv")
alias("scipy.linalg.pinv", "numpy.linalg.pinv", "a")
alias("scipy.linalg.det", "numpy.linalg.det")
alias("scipy.linalg.cholesky", "numpy.linalg.cholesky")
alias("scipy.linalg.norm", "numpy.linalg.norm", "a ord axis keepdims", "a")
alias("numpy.vdot", "numpy.inner")
