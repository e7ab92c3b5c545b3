"""Declared shapes: from an annotation's ``ShapeSpec`` to a ``Shape`` in a scope, and back-checks."""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable

from derivlint.annotations.spec import AnyDim, BinDim, DimItem, IntDim, ShapeSpec, SymDim, VarDims
from derivlint.shapes.dims import Dim, Sym, const_dim, format_dim
from derivlint.shapes.frames import Frame
from derivlint.shapes.shape import UNKNOWN_SHAPE, Shape, Unifier
from derivlint.shapes.values import ArrayV, Origin, ScalarV, Value

_any_ids = itertools.count()


def symbol(frame: Frame, name: str) -> Dim:
    """The dim a symbol name means in ``frame``: an int variable's value, or the scope's symbol."""
    v = frame.env.get(name)  # only this scope: a function's symbols are its own
    if isinstance(v, ScalarV) and v.dim is not None:
        return v.dim  # ``n = 100`` binds the symbol ``n``: the code's own value wins
    f: Frame | None = frame
    while f is not None:
        if name in f.symbols:
            return f.symbols[name]
        if f.kind == "function":
            break  # symbols are scoped to a function; module symbols are not inherited
        f = f.parent
    d = Dim.of(Sym(name, rigid=frame.rigid))
    frame.symbols[name] = d
    return d


def spec_dim(frame: Frame, item: DimItem, u: Unifier) -> Dim:
    if isinstance(item, IntDim):
        return const_dim(item.value)
    if isinstance(item, SymDim):
        return symbol(frame, item.name)
    if isinstance(item, AnyDim):
        return u.anon(("any", next(_any_ids)), "_")
    if isinstance(item, BinDim):
        left, right = spec_dim(frame, item.left, u), spec_dim(frame, item.right, u)
        if item.op == "+":
            return left + right
        if item.op == "-":
            return left - right
        return left * right
    return u.anon(("any", next(_any_ids)), "_")


def spec_shape(frame: Frame, spec: ShapeSpec, u: Unifier) -> Shape:
    dims = spec.dims
    var_at = [i for i, d in enumerate(dims) if isinstance(d, VarDims)]
    if not var_at:
        return Shape([spec_dim(frame, d, u) for d in dims])
    if var_at == [0]:
        return Shape([spec_dim(frame, d, u) for d in dims[1:]], variadic=True)
    return UNKNOWN_SHAPE  # a variadic in the middle: only the rank bound is known; keep it simple


ProblemSink = Callable[[str, ast.AST, str, list[tuple[ast.AST | None, Value | None]]], None]


def conform(
    value: Value,
    declared: Shape,
    dtype: str | None,
    origin: Origin,
    u: Unifier,
    node: ast.AST,
    where: str,
    report: ProblemSink,
    subject: ast.expr | None = None,
) -> Value:
    """Check ``value`` against a declared shape, bind symbols, and return the declared value.

    A contradiction is reported (kind ``declared``) at ``node``; ``where``
    says what was declared ("X is declared", "parameter w of f is declared");
    ``subject`` is the expression the message describes, when not ``node`` itself
    (the ``X`` of ``assert X.shape == ...``).
    """
    described = subject if subject is not None else node
    uninit = getattr(value, "uninit", None)  # a declaration says nothing of the contents (contents.py)
    declared_value = ArrayV(origin, declared, dtype, uninit=uninit) if declared.rank != 0 else ScalarV(
        origin, dtype or "float", uninit=uninit)
    shape = value.shape if isinstance(value, ArrayV) else Shape(()) if isinstance(value, ScalarV) else None
    if shape is None:
        return declared_value
    line = getattr(origin.node, "lineno", None)
    if not declared.variadic and not shape.variadic and len(declared.dims) != len(shape.dims):
        report("declared", node, f"{where} {u.fmt(declared)} but the value is {u.fmt(shape)}", [(described, value)])
        return declared_value
    for d, s in zip(reversed(declared.dims), reversed(shape.dims)):
        if u.bind(d, s, where, line) is False:
            report(
                "declared",
                node,
                f"{where} {u.fmt(declared)} but the value is {u.fmt(shape)} — "
                f"{format_dim(u.resolve(d))} and {format_dim(u.resolve(s))} differ",
                [(described, value)],
            )
            return declared_value
    if declared.variadic and not shape.variadic:
        return ArrayV(origin, shape, dtype or getattr(value, "dtype", None), uninit=uninit)
    return declared_value
