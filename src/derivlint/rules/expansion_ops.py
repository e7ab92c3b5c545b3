"""The expansion rules of ``expansion.Expander``: one case per kind of origin."""

from __future__ import annotations

import math
from fractions import Fraction

from derivlint.rules.expansion import (
    Expander,
    Factor,
    invert,
    quad_atom,
    rank,
    trace_atom,
    transpose,
)
from derivlint.rules.expansion_forms import masked, quadratic_subscripts
from derivlint.rules.polynomial import ONE, ZERO, Atom, Mono, Poly, mono, mono_mul
from derivlint.shapes.values import ArrayV, ScalarV, Value

#: value kinds in the origins
ADD = frozenset({"operator.add", "numpy.add"})
SUB = frozenset({"operator.sub", "numpy.subtract"})
MUL = frozenset({"operator.mul", "numpy.multiply"})
DIV = frozenset({"operator.truediv", "numpy.divide", "numpy.true_divide"})
POW = frozenset({"operator.pow", "numpy.power", "numpy.float_power"})
NEG = frozenset({"operator.neg", "numpy.negative"})
SAME = frozenset({"operator.pos", "builtins.float", "numpy.asarray", "numpy.squeeze"})
LOGS = {"numpy.log": None, "numpy.log2": 2, "numpy.log10": 10}
DOTS = frozenset({"operator.matmul", "numpy.matmul", "numpy.dot", "numpy.inner", "numpy.vdot"})
SUMS = frozenset({"numpy.sum", "numpy.nansum"})
MEANS = frozenset({"numpy.mean", "numpy.nanmean"})
TRANSPOSE = frozenset({"attr.T", "numpy.transpose"})
INV = frozenset({"numpy.linalg.inv"})
SOLVE = frozenset({"numpy.linalg.solve", "scipy.linalg.solve"})
DET = frozenset({"numpy.linalg.det", "scipy.linalg.det"})
ABS = frozenset({"numpy.abs", "numpy.absolute", "builtins.abs"})
DIAG = frozenset({"numpy.diag", "numpy.diagonal"})
CHOLESKY = frozenset({"numpy.linalg.cholesky", "scipy.linalg.cholesky"})


def expand(ex: Expander, v: Value) -> Poly:
    if isinstance(v, ScalarV) and v.kind != "bool":
        if v.dim is not None and v.kind in ("int", None):
            return ex.dim(v.dim)  # literals, shape entries, len(x), n + 1
        c = v.const
        if isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c):
            return Poly.const(Fraction(repr(c)) if isinstance(c, float) else c)
    o = v.origin
    f, ins = o.func or "", o.inputs
    P = ex.poly  # reads as the math: P(a) + P(b)
    if len(ins) == 2 and f in ADD:
        return P(ins[0]) + P(ins[1])
    if len(ins) == 2 and f in SUB:
        return P(ins[0]) - P(ins[1])
    if len(ins) == 2 and f in MUL:
        return P(ins[0]) * P(ins[1])
    if len(ins) == 2 and f in DIV:
        return P(ins[0]) * ex.inverse(P(ins[1]))
    if len(ins) == 1 and f in NEG:
        return -P(ins[0])
    if len(ins) == 1 and f in SAME and rank(ins[0]) is not None:
        return P(ins[0])
    if len(ins) == 1 and f in TRANSPOSE and rank(ins[0]) in (0, 1):
        return P(ins[0])  # .T of a vector is the vector
    if len(ins) == 2 and f in POW:
        e = _exponent(ins[1])
        return ex.leaf(v) if e is None else ex.power(P(ins[0]), e)
    if len(ins) == 1 and f in ("numpy.square", "numpy.sqrt", "numpy.reciprocal"):
        e = {"numpy.square": Fraction(2), "numpy.sqrt": Fraction(1, 2), "numpy.reciprocal": Fraction(-1)}[f]
        return ex.power(P(ins[0]), e)
    if len(ins) == 1 and f in LOGS:
        base = LOGS[f]
        out = ex.log(P(ins[0]))
        return out if base is None else out.scale(Fraction(1 / math.log(base)))
    if len(ins) == 1 and f == "numpy.log1p":
        return ex.log(P(ins[0]) + Poly.const(1))
    if len(ins) == 1 and f == "numpy.exp":
        return ex.exp(P(ins[0]))
    if len(ins) == 2 and f == "scipy.special.xlogy":
        return P(ins[0]) * ex.log(P(ins[1]))
    if len(ins) == 2 and f in ("scipy.special.rel_entr", "scipy.special.kl_div"):
        return _relative_entropy(ex, ins[0], ins[1])
    if f == "scipy.stats.entropy" and ins:
        return _entropy(ex, v)
    if len(ins) == 1 and (f in SUMS or f in MEANS):
        return _reduction(ex, v, f in MEANS)
    if len(ins) == 2 and f in DOTS:
        return _dot(ex, v, ins[0], ins[1])
    if f == "numpy.where" and len(ins) == 3:
        kept = masked(ex, ins)
        if kept is not None:
            return kept
    if f == "numpy.einsum" and quadratic_subscripts(o.param("subscripts"), ins):
        sig = signature(ex, ins[0], None, False)  # x^T M y = sum(x * (M @ y))
        return ex.leaf(v) if sig is None else reduce(ex, sig, P(ins[0]) * lin(ex, chain(ex, ins[1]), P(ins[2])))
    if len(ins) == 2 and f in SOLVE and rank(ins[1]) == 1:
        return lin(ex, invert(chain(ex, ins[0])), P(ins[1]))
    if len(ins) == 1 and f == "numpy.trace" and rank(ins[0]) == 2:
        return _atom(ex, trace_atom(chain(ex, ins[0])), 0)
    if len(ins) == 1 and f == "numpy.linalg.slogdet" and o.param("output") == 1 and rank(ins[0]) == 2:
        return ex.logdet(chain(ex, ins[0]))
    if len(ins) == 1 and f in DET and rank(ins[0]) == 2:
        return _atom(ex, ("det", chain(ex, ins[0])), 0)
    if len(ins) == 1 and f in ABS:
        inner = P(ins[0])
        single = inner.single()
        if single is not None and len(single[0]) == 1 and single[0][0][0][0] == "det":
            return Poly({single[0]: abs(single[1])})  # log |det S| is what slogdet gives
    return ex.leaf(v)


def _exponent(v: Value) -> Fraction | None:
    if isinstance(v, ScalarV) and v.kind != "bool":
        if v.dim is not None and v.dim.is_const:
            return Fraction(v.dim.const)
        if isinstance(v.const, (int, float)) and math.isfinite(v.const):
            return Fraction(repr(v.const)) if isinstance(v.const, float) else Fraction(v.const)
    return None


def _atom(ex: Expander, a: Atom, r: int | None) -> Poly:
    ex.ranks[a] = r
    return Poly.atom(a)


def _relative_entropy(ex: Expander, x: Value, y: Value) -> Poly:
    """``x log(x / y)``: ``rel_entr``, and ``kl_div`` whose ``- x + y`` sums to zero."""
    px = ex.poly(x)
    return px * (ex.log(px) - ex.log(ex.poly(y)))


def _entropy(ex: Expander, v: Value) -> Poly:
    """``scipy.stats.entropy(pk)`` = ``-sum(pk log pk)``; with ``qk``, ``sum(pk log(pk / qk))``."""
    ins = v.origin.inputs
    pk = ins[0]
    inner = _relative_entropy(ex, pk, ins[1]) if len(ins) > 1 else -(ex.poly(pk) * ex.log(ex.poly(pk)))
    axis = v.origin.param("axis", 0)
    sig = signature(ex, pk, axis, False)
    if sig is None:
        return ex.leaf(v)
    out = reduce(ex, sig, inner)
    base = v.origin.param("base")
    if base is None:
        return out
    if isinstance(base, (int, float)) and not isinstance(base, bool) and base > 0 and base != 1:
        return out.scale(Fraction(1 / math.log(base)))
    return ex.leaf(v)


def _reduction(ex: Expander, v: Value, mean: bool) -> Poly:
    x = v.origin.inputs[0]
    sig = signature(ex, x, v.origin.param("axis"), v.origin.param("keepdims") is True)
    if sig is None:
        return ex.leaf(v)
    if sig[1] is None and not mean:
        special = _sum_of_diagonal(ex, x)
        if special is not None:
            return special
    out = reduce(ex, sig, ex.poly(x))
    return out * ex.inverse(ex.sizes[sig]) if mean else out


def _sum_of_diagonal(ex: Expander, x: Value) -> Poly | None:
    """``sum(diag(M)) = tr M``; ``sum(log(diag(cholesky(S)))) = log det S / 2``."""
    o = x.origin
    if o.func in DIAG and o.inputs and rank(o.inputs[0]) == 2 and rank(x) == 1:
        return _atom(ex, trace_atom(chain(ex, o.inputs[0])), 0)
    if o.func == "numpy.log" and o.inputs:
        d = o.inputs[0].origin
        if d.func in DIAG and d.inputs and d.inputs[0].origin.func in CHOLESKY and d.inputs[0].origin.inputs:
            s = d.inputs[0].origin.inputs[0]
            if rank(s) == 2:
                return ex.logdet(chain(ex, s)).scale(Fraction(1, 2))
    return None


def signature(ex: Expander, x: Value, axis: object, keepdims: bool) -> tuple | None:
    """``("sum", axes or None for all, keepdims, rank, size)``; the size is kept in ``ex.sizes``."""
    if not isinstance(x, (ArrayV, ScalarV)):
        return None
    r = rank(x)
    if r is None or (isinstance(x, ArrayV) and x.shape.variadic):
        if axis is not None:
            return None
        # all of an array of unknown shape (a helper nobody calls): its size is one (positive) atom
        a = ("size", ex.key(x))
        ex.ranks[a] = 0
        sig = ("sum", None, keepdims, None, (a,))
        ex.sizes[sig] = Poly.atom(a)
        return sig
    dims = x.shape.dims if isinstance(x, ArrayV) else ()
    if axis is None:
        axes = tuple(range(r))
    elif isinstance(axis, int) and not isinstance(axis, bool) and -r <= axis < r:
        axes = (axis % r,)
    elif isinstance(axis, tuple) and all(isinstance(a, int) and -r <= a < r for a in axis):
        axes = tuple(sorted({a % r for a in axis}))
    else:
        return None
    size = Poly.const(1)
    for a in axes:
        size = size * ex.dim(dims[a])
    whole = len(axes) == r
    sig = ("sum", None if whole else axes, keepdims, r, size.key())
    ex.sizes[sig] = size
    return sig


def reduce(ex: Expander, sig: tuple, p: Poly) -> Poly:
    """``sum`` over ``sig`` of each term: scalar factors come out, a constant counts the elements."""
    size = ex.sizes[sig]
    whole, r = sig[1] is None, sig[3]
    result_rank = 0 if whole and not sig[2] else r if sig[2] or r is None else r - len(sig[1])
    out = ZERO
    for m, c in p.terms.items():
        scalars = {a: e for a, e in m if ex.ranks.get(a) == 0}
        arrays = {a: e for a, e in m if ex.ranks.get(a) != 0}
        if not arrays:
            out = out + Poly({m: c}) * size
            continue
        rest = mono(arrays)
        a = _quadratic_form(rest) if whole and r == 1 else None
        if a is None:
            a = ("sum", sig, rest)
            ex.ranks[a] = result_rank
        else:
            ex.ranks[a] = 0
        out = out + Poly({mono_mul(mono(scalars), ((a, Fraction(1)),)): c})
    return out


def _quadratic_form(m: Mono) -> Atom | None:
    """``sum(x * (M @ y))`` over a vector is ``x^T M y``."""
    if len(m) != 2 or any(e != 1 for _, e in m):
        return None
    (a, _), (b, _) = m
    for x, image in ((a, b), (b, a)):
        if x[0] == "v" and image[0] == "lin" and image[2][0] == "v":
            return quad_atom(x[1], image[1], image[2][1])
    return None


def _dot(ex: Expander, v: Value, a: Value, b: Value) -> Poly:
    ra, rb = rank(a), rank(b)
    if ra == 1 and rb == 1:
        sig = signature(ex, a, None, False)
        return ex.leaf(v) if sig is None else reduce(ex, sig, ex.poly(a) * ex.poly(b))
    if ra == 2 and rb == 1:
        return lin(ex, chain(ex, a), ex.poly(b))
    if ra == 1 and rb == 2:
        return lin(ex, transpose(chain(ex, b)), ex.poly(a))  # x @ M = M^T x
    if (ra == 0 or rb == 0) and v.origin.func != "operator.matmul":
        return ex.poly(a) * ex.poly(b)
    return ex.leaf(v)


def lin(ex: Expander, m: tuple[Factor, ...], p: Poly) -> Poly:
    """``M @ p`` for a vector polynomial: linear in each term."""
    out = ZERO
    for terms, c in p.terms.items():
        scalars = {a: e for a, e in terms if ex.ranks.get(a) == 0}
        arrays = [(a, e) for a, e in terms if ex.ranks.get(a) != 0]
        if len(arrays) == 1 and arrays[0][1] == 1 and ex.ranks.get(arrays[0][0]) == 1:
            inner = arrays[0][0]
            a = ("lin", m + inner[1], inner[2]) if inner[0] == "lin" else ("lin", m, inner)
        else:
            a = ("lin", m, ("p", ((mono(dict(arrays)), Fraction(1)),)))
        ex.ranks[a] = 1
        out = out + Poly({mono_mul(mono(scalars), ((a, Fraction(1)),)): c})
    return out


def chain(ex: Expander, v: Value) -> tuple[Factor, ...]:
    """A matrix as a product of factors ``(key, inverted, transposed)``; a product without inverses is one factor."""
    o = v.origin
    f, ins = o.func or "", o.inputs
    if f in INV and len(ins) == 1:
        return invert(chain(ex, ins[0]))
    if f in SOLVE and len(ins) == 2 and rank(ins[1]) == 2:
        return invert(chain(ex, ins[0])) + chain(ex, ins[1])
    if f in TRANSPOSE and len(ins) == 1 and rank(v) == 2:
        return transpose(chain(ex, ins[0]))
    if f in DOTS and len(ins) == 2 and rank(ins[0]) == 2 and rank(ins[1]) == 2:
        parts = chain(ex, ins[0]) + chain(ex, ins[1])
        if any(inv for _, inv, _ in parts):
            return parts
    return ((ex.key(v), False, False),)


__all__ = ["ONE", "chain", "expand", "lin", "reduce", "signature"]
