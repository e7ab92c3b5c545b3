"""Predictions and residuals of a linear model, for the gradient rules.

- A *prediction* is linear in the weights ``w`` being updated: ``X @ w`` (samples as
  rows; ``x_i @ w`` for one sample), ``w.T @ X`` / ``w @ X`` (samples as columns, the
  deeplearning.ai layout; ``W @ X`` for a matrix ``W``), plus terms that do not use ``w`` (a bias): the squared
  error's prediction. Or the sigmoid / softmax of such a score: cross-entropy.
  A bias ``b`` is predicted by ``X @ w + b``.
- A *residual* is prediction minus target (sign +1) or target minus prediction
  (sign -1), the target an array (or an entry of one, ``y[i]``) that does not use ``w``.
"""

from __future__ import annotations

from dataclasses import dataclass

from derivlint.rules.common import MAXES, sigmoid_logit, softmax_of
from derivlint.rules.signs import ADD, NEG, SUB, argument_of, unit_interval
from derivlint.rules.symmetry import same as same_value
from derivlint.shapes.values import ArrayV, ScalarV, Value

PRODUCTS = frozenset({"operator.matmul", "numpy.dot", "numpy.matmul"})
SQUARED_ERROR = "squared error"
CROSS_ENTROPY = "cross-entropy"
ROWS = "rows"  # X @ w: one sample per row (or one sample x_i @ w)
COLUMNS = "columns"  # w.T @ X: one sample per column
#: W @ X for a matrix W (classes by features; samples as columns): the gradient is r @ X.T
MATRIX = "matrix"
#: the "data matrix" of a bias: its gradient sums the residual over the samples
BIAS = "bias"
MAX_DEPTH = 10
_USES_BUDGET = 500


@dataclass(frozen=True)
class Residual:
    sign: int  # +1: prediction - target; -1: target - prediction
    loss: str
    design: Value | str  # the data matrix X of the prediction, or BIAS
    layout: str  # ROWS or COLUMNS ("" for a bias)


def same_weights(a: Value, b: Value) -> bool:
    """One value, seen through declared parameters (the caller's ``w`` is the helper's ``w``)."""
    chain: list[Value] = []
    v: Value | None = a
    while v is not None and len(chain) < 8:
        chain.append(v)
        v = argument_of(v)
    v = b
    for _ in range(8):
        if v is None:
            return False
        if any(v is x for x in chain):
            return True
        v = argument_of(v)
    return False


def same_data(a: Value, b: Value) -> bool:
    """One data matrix: one value seen through declared parameters, or one call-free expression twice.

    A parameter with a declared shape (``x: Shape (m, n).``) is a value of its own bound to
    the caller's; ``scaled`` and ``linear`` see through the binding, ``x.T`` does not, so the
    two sides of ``(x.T * s) @ x`` or ``x.T @ (p - y)`` can reach ``x`` on either side of it.
    """
    return same_weights(a, b) or same_value(a, b)


def uses(value: Value, target: Value) -> bool | None:
    """Whether ``value`` was computed from ``target`` (None: too far to tell)."""
    stack, seen = [value], set()
    while stack:
        v = stack.pop()
        if v is target:
            return True
        if id(v) in seen:
            continue
        seen.add(id(v))
        if len(seen) > _USES_BUDGET:
            return None
        if v.origin.func != "join":  # a loop-carried number's history is not the current w
            stack.extend(v.origin.inputs)
        arg = argument_of(v)
        if arg is not None:
            stack.append(arg)
    return False


def independent(value: Value, w: Value) -> bool:
    return uses(value, w) is False


def linear(v: Value, w: Value, depth: int = 0) -> tuple[Value | str, str] | None:
    """(X, layout) when ``v`` is ``X @ w`` or ``w.T @ X`` plus terms not using ``w``; (BIAS, "") for ``... + w``."""
    if depth > MAX_DEPTH:
        return None
    arg = argument_of(v)
    if arg is not None:
        return linear(arg, w, depth + 1)
    o = v.origin
    if o.func in PRODUCTS and len(o.inputs) == 2:
        left, right = o.inputs
        if same_weights(right, w) and (_rank(left) == 2 or _sample(left)) and not same_weights(left, w):
            return left, ROWS
        # w.T @ X, or w @ X for a 1-D w
        transposed = left.origin.func == "numpy.transpose" and bool(left.origin.inputs)
        weights = left.origin.inputs[0] if transposed else left
        if same_weights(weights, w) and (transposed or _rank(weights) == 1) and _rank(right) == 2:
            return right, COLUMNS
        # W @ X for a matrix W (the (classes, features) weights of the deeplearning.ai / UFLDL layout)
        if same_weights(left, w) and _rank(left) == 2 and _rank(right) == 2 and not same_weights(right, w):
            return right, MATRIX
        return None
    if (o.func in ADD or o.func in SUB) and len(o.inputs) == 2:
        pairs = [o.inputs, o.inputs[::-1]] if o.func in ADD else [o.inputs]
        for term, other in pairs:  # a - b: only the first term may hold w (the score's sign)
            if not independent(other, w):
                continue
            if same_weights(term, w):
                return BIAS, ""
            found = linear(term, w, depth + 1)
            if found is not None:
                return found
    return None


def prediction(v: Value, w: Value, depth: int = 0) -> tuple[str, tuple[Value | str, str]] | None:
    """(loss, (X, layout)) for a linear prediction or a sigmoid/softmax of a linear score."""
    arg = argument_of(v)
    if arg is not None and depth < MAX_DEPTH:
        return prediction(arg, w, depth + 1)
    design = linear(v, w)
    if design is not None:
        return SQUARED_ERROR, design
    if v.origin.func == "numpy.clip" and v.origin.inputs and unit_interval(v) and depth < MAX_DEPTH:
        inner = prediction(v.origin.inputs[0], w, depth + 1)  # np.clip(p, eps, 1 - eps): still p
        return inner if inner is not None and inner[0] == CROSS_ENTROPY else None
    score = sigmoid_logit(v)
    if score is not None and v.origin.func != "scipy.special.expit":
        # the inline 1 / (1 + exp(-z)) gives -z
        score = score.origin.inputs[0] if score.origin.func in NEG and score.origin.inputs else None
    exp = softmax_of(v)
    if exp is not None and exp.origin.inputs:
        score = exp.origin.inputs[0]
        o = score.origin
        if o.func in SUB and len(o.inputs) == 2 and o.inputs[1].origin.func in MAXES:
            score = o.inputs[0]  # the max shift does not change a softmax
    if v.origin.func == "scipy.special.softmax" and v.origin.inputs:
        score = v.origin.inputs[0]
    design = linear(score, w) if score is not None else None
    return (CROSS_ENTROPY, design) if design is not None else None


def residual(v: Value, w: Value) -> Residual | None:
    """``v`` as prediction - target (+1) or target - prediction (-1)."""
    arg = argument_of(v)
    if arg is not None:
        return residual(arg, w)
    o = v.origin
    if o.func not in SUB or len(o.inputs) != 2:
        return None
    a, b = o.inputs
    for sign, pred, target in ((1, a, b), (-1, b, a)):
        if not _target(target) or not independent(target, w):
            continue
        found = prediction(pred, w)
        if found is not None:
            loss, (design, layout) = found
            return Residual(sign, loss, design, layout)
    return None


def _target(v: Value) -> bool:
    """An array of labels, or one entry of one (``y[i]``); never a number (``1 - p`` is not a residual)."""
    return isinstance(v, ArrayV) or (isinstance(v, ScalarV) and v.origin.func == "getitem")


def _sample(v: Value) -> bool:
    """A row of a data matrix (``X[i]``, ``for x in X``): in ``x @ w`` the data side is known.

    For two vectors ``u @ v`` either could be the weights; an attack that moves the input
    ``x`` uphill along ``(p - y) * w`` is meant to climb the loss.
    """
    for _ in range(4):
        arg = argument_of(v)
        if arg is None:
            break
        v = arg
    o = v.origin
    return _rank(v) == 1 and o.func == "getitem" and bool(o.inputs) and _rank(o.inputs[0]) == 2


def _rank(v: Value) -> int | None:
    return v.shape.rank if isinstance(v, ArrayV) else 0 if isinstance(v, ScalarV) else None
