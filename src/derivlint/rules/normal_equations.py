"""The normal equations as the engine's origins show them: ``P Q w = R y``, plain or weighted (for L201).

Plain: ``solve(P @ Q, R @ y)`` or ``inv(P @ Q) @ R [@ y]`` with ``P``, ``Q``, ``R``
factors (``X`` or ``X.T``) of one matrix. Weighted least squares puts a weighting
between the factors, the same on both sides (``X^T W X w = X^T W y``): a square
matrix in the middle of the chain (``X.T @ W @ X``, ``X.T @ np.diag(w) @ X``) or
a vector multiplied into a factor or into ``y`` (``(X.T * w) @ X``,
``X.T @ (w[:, None] * X)``, ``X.T @ (w * y)``). The weights of the two sides are
compared by the vector they are made of (``weight_key``); a system and a
right-hand side weighted differently are not read as normal equations at all.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from derivlint.rules.factors import (
    ELEMENTWISE,
    Factor,
    chains,
    factor,
    operand_nodes,
    product,
    product_factors,
    scaled_matrix,
    weight_key,
    weighted_factor,
)
from derivlint.rules.symmetry import same, symmetric
from derivlint.shapes.facts import OpEvent
from derivlint.shapes.values import ArrayV, ScalarV, Value

INVERSES = frozenset({"numpy.linalg.inv", "numpy.linalg.pinv"})
SOLVES = frozenset({"numpy.linalg.solve", "scipy.linalg.solve", "numpy.linalg.lstsq", "scipy.linalg.lstsq"})
PRODUCT_OPS = frozenset({"@", "numpy.dot", "numpy.matmul"})
_SUMS = frozenset({"operator.add", "operator.sub", "numpy.add", "numpy.subtract"})
_MAX_WEIGHTS = 4


@dataclass(frozen=True)
class NormalEquations:
    """``solve(P @ Q, R @ y)`` or ``inv(P @ Q) @ R [@ y]``: P, Q, R factors of one matrix."""

    system: ast.AST  # the solve call, or the product with the inverse
    gram: Value  # the product P @ Q (ridge and scaling looked through)
    p: Factor
    q: Factor
    r: Factor
    moment: Value | None  # R @ y, when written as one product
    moment_node: ast.AST  # the product R is an operand of (where a missing R transpose is reported)
    y: Value | None
    y_node: ast.AST | None
    #: the square weight matrices between P and Q (weighted least squares); their size is the sample count
    middles: tuple[Value, ...] = ()
    weighted: bool = False
    #: products inside the system's chain, each with the factor it holds (0: P, 1: Q): ``X @ W`` in
    #: ``X @ W @ X.T``, where a wrong factor meets the weights (and S101 reports the clash)
    inner: tuple[tuple[ast.AST, int], ...] = ()


def normal_equations(ev: OpEvent, after: dict[int, OpEvent]) -> NormalEquations | None:
    """The system, if ``ev`` solves ``P [W] Q x = R [W] y`` with P, Q, R factors of one matrix."""
    if len(ev.operands) < 2:
        return None
    if ev.op in SOLVES:
        system, rhs = ev.operands[0].value, ev.operands[1]
    elif ev.op in PRODUCT_OPS and ev.operands[0].value.origin.func in INVERSES and ev.operands[0].value.origin.inputs:
        system, rhs = ev.operands[0].value.origin.inputs[0], ev.operands[1]
    else:
        return None
    gram = _gram(system)
    if gram is None:
        return None
    plain = _plain(ev, gram, rhs, after)
    return plain if plain is not None else _weighted(ev, gram, rhs, after)


def _plain(ev: OpEvent, gram: Value, rhs: object, after: dict[int, OpEvent]) -> NormalEquations | None:
    factors = product_factors(gram)
    if factors is None:
        return None
    p, q = factors
    x = p.base
    if not same(q.base, x):
        return None
    value = _unscaled(rhs.value)  # type: ignore[attr-defined]
    if product(value) is not None:
        left, _ = product_factors(value)  # type: ignore[misc]
        if same(left.base, x):
            nodes = operand_nodes(value.origin.node)
            y_node = nodes[1] if nodes is not None else None
            return NormalEquations(ev.node, gram, p, q, left, value, value.origin.node or ev.node,
                                   value.origin.inputs[1], y_node)
    r = factor(rhs.value, rhs.node)  # type: ignore[attr-defined]
    if not same(r.base, x):
        return None
    nxt = after.get(id(ev.node)) if ev.op in PRODUCT_OPS else None
    y, y_node = None, None
    if nxt is not None and len(nxt.operands) > 1:
        y, y_node = nxt.operands[1].value, nxt.operands[1].node
    return NormalEquations(ev.node, gram, p, q, r, None, ev.node, y, y_node)


def _weighted(ev: OpEvent, gram: Value, rhs: object, after: dict[int, OpEvent]) -> NormalEquations | None:
    """``X^T W X w = X^T W y`` in any of its spellings, the weighting the same on both sides."""
    for chain in chains(gram):
        p, q = weighted_factor(*chain[0]), weighted_factor(*chain[-1])
        x = p.base
        middles = tuple(v for v, _ in chain[1:-1])
        if not same(q.base, x) or not all(_weight_matrix(m, x) for m in middles):
            continue
        weights = list(p.weights + tuple(weight_key(m) for m in middles) + q.weights)
        if not weights or len(weights) > _MAX_WEIGHTS:
            continue  # unweighted: the plain reading's (it did not find the equations)
        found = _weighted_moment(ev, rhs, after, x, weights)
        if found is not None:
            r, moment, moment_node, y, y_node = found
            return NormalEquations(ev.node, gram, p, q, r, moment, moment_node, y, y_node, middles, True,
                                   _inner(gram, chain))
    return None


def _inner(value: Value, chain: list[tuple[Value, ast.AST | None]]) -> tuple[tuple[ast.AST, int], ...]:
    """The sub-product of a three-factor reading of ``value``, with the end factor it holds."""
    a, b = value.origin.inputs
    found = []
    if chain[0][0] is not a and a.origin.node is not None:
        found.append((a.origin.node, 0))  # (P @ W) @ Q
    if chain[-1][0] is not b and b.origin.node is not None:
        found.append((b.origin.node, 1))  # P @ (W @ Q)
    return tuple(found)


_Moment = tuple[Factor, Value | None, ast.AST, Value | None, ast.AST | None]


def _weighted_moment(ev: OpEvent, rhs: object, after: dict[int, OpEvent], x: Value,
                     weights: list[Value]) -> _Moment | None:
    """``R [W] y`` with ``R`` a factor of ``x`` and exactly the system's ``weights`` on the way to ``y``."""
    value = _unscaled(rhs.value)  # type: ignore[attr-defined]
    for chain in chains(value):
        r = weighted_factor(*chain[0])
        if not same(r.base, x):
            continue
        remaining = _consume(list(weights), r.weights + tuple(weight_key(v) for v, _ in chain[1:-1]))
        if remaining is None or not all(_weight_matrix(v, x) for v, _ in chain[1:-1]):
            continue
        y, y_node, remaining = _weighted_y(*chain[-1], remaining, x)
        if remaining:
            continue
        left = value.origin.inputs[0]
        at = value.origin.node if chain[0][0] is left else left.origin.node
        return r, value, at or ev.node, y, y_node
    r = weighted_factor(rhs.value, rhs.node)  # type: ignore[attr-defined]
    remaining = _consume(list(weights), r.weights)
    if not same(r.base, x) or remaining is None or ev.op not in PRODUCT_OPS:
        return None
    # inv(X.T @ W @ X) @ X.T @ W @ y: the products that take this one as their left operand
    nxt = after.get(id(ev.node))
    while nxt is not None and len(nxt.operands) > 1 and remaining:
        v = nxt.operands[1].value
        rest = _consume(remaining, (weight_key(v),)) if _weight_matrix(v, x) else None
        if rest is None:
            break
        remaining, nxt = rest, after.get(id(nxt.node))
    y, y_node = None, None
    if nxt is not None and len(nxt.operands) > 1:
        y, y_node, remaining = _weighted_y(nxt.operands[1].value, nxt.operands[1].node, remaining, x)
    return (r, None, ev.node, y, y_node) if not remaining else None


def _weighted_y(y: Value, node: ast.AST | None, remaining: list[Value], x: Value) -> tuple[Value, ast.AST | None, list[Value]]:
    """``y`` with the weights still owed taken off: ``W @ y``, ``w * y``, ``w[:, None] * y``."""
    for _ in range(_MAX_WEIGHTS):
        if not remaining:
            break
        o = y.origin
        nodes = operand_nodes(o.node) if o.node is node else None
        taken = None
        if product(y) is not None and _weight_matrix(o.inputs[0], x):
            taken = (o.inputs[0], 1)
        elif o.func in ELEMENTWISE and len(o.inputs) == 2 and all(isinstance(v, ArrayV) for v in o.inputs):
            taken = next(((w, 1 - i) for i, w in enumerate(o.inputs)
                          if _consume(remaining, (weight_key(w),)) is not None), None)
        rest = _consume(remaining, (weight_key(taken[0]),)) if taken is not None else None
        if taken is None or rest is None:
            break
        remaining, y = rest, o.inputs[taken[1]]
        node = nodes[taken[1]] if nodes is not None else None
    return y, node, remaining


def _consume(weights: list[Value], taken: tuple[Value, ...]) -> list[Value] | None:
    """``weights`` without one match (``same``) for each of ``taken``; None when one has no match."""
    left = list(weights)
    for t in taken:
        at = next((i for i, w in enumerate(left) if same(w, t)), None)
        if at is None:
            return None
        del left[at]
    return left


def _weight_matrix(value: Value, x: Value) -> bool:
    """A 2-D array between two factors that is not itself a factor of the data."""
    return isinstance(value, ArrayV) and value.shape.rank == 2 and not same(factor(value, None).base, x)


def _gram(value: Value, depth: int = 0) -> Value | None:
    """The product ``P @ Q`` in ``P @ Q``, ``c * P @ Q``, ``P @ Q / n`` or ``P @ Q + lam * I``."""
    if depth > 4:
        return None
    if product(value) is not None:
        return value
    inner = scaled_matrix(value)
    if inner is not None:
        return _gram(inner, depth + 1)
    origin = value.origin
    if origin.func in _SUMS and len(origin.inputs) == 2:
        for g, ridge in (origin.inputs, origin.inputs[::-1]):
            found = _gram(g, depth + 1)
            if found is not None and (isinstance(ridge, ScalarV) or product(ridge) is None and symmetric(ridge)):
                return found
    return None


def _unscaled(value: Value) -> Value:
    for _ in range(4):
        inner = scaled_matrix(value)
        if inner is None:
            break
        value = inner
    return value
