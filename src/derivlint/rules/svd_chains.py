"""Products of the results of one ``svd`` call, read as a chain of factors (for L204).

``U, s, Vh = np.linalg.svd(A)`` gives ``A = U diag(s) Vh``: ``U`` maps the singular
coordinates to the column space, ``Vh`` maps the row space to the singular
coordinates. A product of these factors means something only when each factor's
input is the next one's output, so the order of the factors says which ones were
meant: ``V diag(.) U^T`` (the pseudo-inverse ``V Sigma^-1 U^T``, or ``A^T``) needs
``V = Vh^T`` on the left, and ``Vh diag(.) U^T`` there is ``Vh`` standing for ``V``.

``chain(value)`` flattens ``@`` / ``dot`` / ``matmul``, transposes (a transposed product
is its factors reversed and transposed), and the broadcast scaling ``M * g`` /
``M / g`` by a vector computed from ``s`` (``M diag(g)``), into factors; each factor
knows its role (``U``, ``Vh``, a diagonal ``S`` built from ``s``, or none) and the
product node that joins it to the next, so a finding can be placed at the product
that puts two factors side by side.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from derivlint.shapes.values import ArrayV, ScalarV, Value

SVD = frozenset({"numpy.linalg.svd", "scipy.linalg.svd"})
_MATMUL = frozenset({"operator.matmul", "numpy.matmul", "numpy.dot"})
_SCALE = frozenset({"operator.mul", "numpy.multiply", "operator.truediv", "numpy.divide"})
_INVERSES = frozenset({"numpy.linalg.inv", "numpy.linalg.pinv", "scipy.linalg.inv", "scipy.linalg.pinv"})
CONJUGATES = frozenset({"numpy.conj", "numpy.conjugate"})
_MAX_DEPTH = 12
#: more factors than any svd formula has (U diag(s) Vh and its pieces)
_MAX_FACTORS = 16
#: what ``s`` may go through and still be the singular values (1 / s, s**2, s[:k], np.where(s > tol, 1 / s, 0))
_S_DEPTH = 4


@dataclass(frozen=True)
class Factor:
    #: ``U``, ``Vh`` or ``S`` (a diagonal built from the singular values), or None (anything else)
    role: str | None
    #: the svd call it comes from
    call: ast.AST | None
    transposed: bool
    #: the factor as a matrix, before any transpose the chain applies
    value: Value


def is_output(value: Value, index: int) -> bool:
    return value.origin.func in SVD and value.origin.param("output") == index


def uses_output(value: Value, call: ast.AST | None, index: int, depth: int = 0) -> bool:
    """Whether ``value`` was computed from result ``index`` of the svd call ``call``."""
    origin = value.origin
    if origin.func in SVD:
        return origin.node is call and origin.param("output") == index
    if depth > _S_DEPTH:
        return False
    return any(uses_output(v, call, index, depth + 1) for v in origin.inputs)


def chain(value: Value) -> tuple[list[Factor], list[ast.AST | None]]:
    """``(factors, joins)``: ``joins[i]`` is the product node that multiplies factor ``i`` by factor ``i + 1``."""
    return _chain(value, 0, {})


def _chain(value: Value, depth: int, memo: dict) -> tuple[list[Factor], list[ast.AST | None]]:
    # a value used twice (X = X @ X, again and again) is flattened once: without the memo the
    # walk doubles at every product; a chain longer than any svd formula is left as one factor
    key = (id(value), depth)
    if key not in memo:
        factors, joins = _flatten(value, depth, memo)
        memo[key] = (factors, joins) if len(factors) <= _MAX_FACTORS else ([_leaf(value)], [])
    return memo[key]


def _flatten(value: Value, depth: int, memo: dict) -> tuple[list[Factor], list[ast.AST | None]]:
    o = value.origin
    f, ins = o.func or "", o.inputs
    if depth < _MAX_DEPTH and f in CONJUGATES and len(ins) == 1:  # real factors: conj is the factor itself
        return _chain(ins[0], depth + 1, memo)
    if depth < _MAX_DEPTH and f in _MATMUL and len(ins) == 2:  # (a product whose shapes failed has no rank)
        lf, lj = _chain(ins[0], depth + 1, memo)
        rf, rj = _chain(ins[1], depth + 1, memo)
        return lf + rf, [*lj, o.node, *rj]
    if depth < _MAX_DEPTH and f == "numpy.transpose" and len(ins) == 1 and _rank(value) == 2 \
            and o.param("axes") is None:
        factors, joins = _chain(ins[0], depth + 1, memo)
        return [Factor(x.role, x.call, not x.transposed, x.value) for x in reversed(factors)], joins[::-1]
    if depth < _MAX_DEPTH and f in _SCALE and len(ins) == 2 and _rank(ins[0]) == 2 and _rank(ins[1]) == 1:
        call = _singular_values_call(ins[1])
        if call is not None:  # M * g scales the columns of M: M diag(g)
            lf, lj = _chain(ins[0], depth + 1, memo)
            return [*lf, Factor("S", call, False, ins[1])], [*lj, o.node]
    if depth < _MAX_DEPTH and f in ("operator.mul", "numpy.multiply") and len(ins) == 2 \
            and _rank(ins[0]) == 1 and _rank(ins[1]) == 2:
        call = _singular_values_call(ins[0])
        if call is not None:  # g * M is M * g
            rf, rj = _chain(ins[1], depth + 1, memo)
            return [*rf, Factor("S", call, False, ins[0])], [*rj, o.node]
    return [_leaf(value)], []


def _leaf(value: Value) -> Factor:
    o = value.origin
    if o.func in SVD and o.param("output") in (0, 2):
        return Factor("U" if o.param("output") == 0 else "Vh", o.node, False, value)
    if o.func == "getitem" and o.inputs and isinstance(o.node, ast.Subscript):
        base = o.inputs[0]
        if is_output(base, 0) and _columns(o.node.slice):  # U[:, :k]: still left singular vectors
            return Factor("U", base.origin.node, False, value)
        if is_output(base, 2) and _rows(o.node.slice):  # Vh[:k]: still right singular vectors, as rows
            return Factor("Vh", base.origin.node, False, value)
    if o.func == "numpy.diag" and len(o.inputs) == 1 and _rank(o.inputs[0]) == 1 and _rank(value) == 2:
        call = _singular_values_call(o.inputs[0])
        if call is not None:
            return Factor("S", call, False, value)
    if o.func in _INVERSES and len(o.inputs) == 1:
        inner = _leaf(o.inputs[0])
        if inner.role == "S":
            return Factor("S", inner.call, False, value)
    return Factor(None, None, False, value)


def _singular_values_call(g: Value, depth: int = 0) -> ast.AST | None:
    """The svd call whose ``s`` the vector ``g`` is computed from (and from no other svd result)."""
    o = g.origin
    if o.func in SVD:
        return o.node if o.param("output") == 1 else None
    if depth > _S_DEPTH or not o.inputs:
        return None
    calls = {id(c): c for c in (_singular_values_call(v, depth + 1) for v in o.inputs) if c is not None}
    return next(iter(calls.values())) if len(calls) == 1 else None


def _rows(index: ast.expr) -> bool:
    """``[:k]``, ``[:k, :]``: some rows, every column."""
    if isinstance(index, ast.Slice):
        return True
    return isinstance(index, ast.Tuple) and len(index.elts) == 2 and isinstance(index.elts[0], ast.Slice) \
        and _whole(index.elts[1])


def _columns(index: ast.expr) -> bool:
    """``[:, :k]``: every row, some columns."""
    return isinstance(index, ast.Tuple) and len(index.elts) == 2 and _whole(index.elts[0]) \
        and isinstance(index.elts[1], ast.Slice)


def _whole(index: ast.expr) -> bool:
    return isinstance(index, ast.Slice) and index.lower is None and index.upper is None and index.step is None


def _rank(v: Value) -> int | None:
    if isinstance(v, ArrayV):
        return v.shape.rank
    return 0 if isinstance(v, ScalarV) else None
