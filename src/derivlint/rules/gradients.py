"""Gradients of a loss, as the engine's origins show them: one definition for G501, G502, G503.

- A *prediction* is ``X @ w`` (plus terms that do not use ``w``: squared error), or the
  sigmoid / softmax of such a score (cross-entropy), for the ``w`` being updated.
- A *residual* is prediction minus target (``X @ w - y``, ``p - y``; sign +1) or target
  minus prediction (sign -1); the target is an array that does not use ``w``.
- A *gradient* is ``X.T @ r`` (``np.dot(X.T, r)``, ``r @ X``, ``mean(r[:, None] * X, axis=0)``)
  with the same ``X`` as the prediction, times factors of known sign (``signs.py``), plus
  a ridge term ``lam * w`` of the same sign, or a momentum buffer started at zero
  (``v = beta * v + g``). Its ``sign`` says whether the value is a positive (+1) or a
  negative (-1) multiple of dL/dw.

Names are never read: ``grad`` is whatever the program computed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from derivlint.rules.common import MAXES, sigmoid_logit, softmax_of
from derivlint.rules.signs import ADD, DIV, MUL, NEG, SUB, argument_of, scaled, sign_of
from derivlint.rules.symmetry import same_value
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, NoneV, ScalarV, SliceV, Value

PRODUCTS = frozenset({"operator.matmul", "numpy.dot", "numpy.matmul"})
_REDUCTIONS = frozenset({"numpy.mean", "numpy.sum"})
_EXPANDS = frozenset({"numpy.reshape", "numpy.expand_dims"})
_ZEROS = frozenset({"numpy.zeros", "numpy.zeros_like"})
SQUARED_ERROR = "squared error"
CROSS_ENTROPY = "cross-entropy"
#: the "data matrix" of a bias: its gradient sums the residual over the samples
BIAS = "bias"
MAX_DEPTH = 10
_USES_BUDGET = 500


@dataclass(frozen=True)
class Gradient:
    """``value = sign * (positive) * dL/dw`` for the loss ``loss``."""

    sign: int
    loss: str
    residual_sign: int  # +1: prediction - target; -1: target - prediction
    residual: Value
    design: Value | str  # the data matrix X (or BIAS)
    node: ast.AST | None  # the expression computing X.T @ r (for related information)


def same_weights(a: Value, b: Value) -> bool:
    """One value, seen through declared parameters (the caller's ``w`` is the helper's ``w``)."""
    chain_a, v = [], a
    while v is not None and len(chain_a) < 8:
        chain_a.append(v)
        v = argument_of(v)
    v2: Value | None = b
    for _ in range(8):
        if v2 is None:
            return False
        if any(v2 is x for x in chain_a):
            return True
        v2 = argument_of(v2)
    return False


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
        stack.extend(v.origin.inputs)
        arg = argument_of(v)
        if arg is not None:
            stack.append(arg)
    return False


def _independent(value: Value, w: Value) -> bool:
    return uses(value, w) is False


class Gradients:
    """The gradient proofs of one program's facts (memoised per value and weights)."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._memo: dict[tuple[int, int], Gradient | None] = {}
        #: the names each value was assigned to, and each name's values (for momentum buffers)
        self._names: dict[int, set[str]] = {}
        self._values: dict[str, set[int]] = {}
        for target, value in facts.assignments:
            if isinstance(target, (ast.Name, ast.Attribute)):
                name = ast.unparse(target)
                self._names.setdefault(id(value), set()).add(name)
                self._values.setdefault(name, set()).add(id(value))

    # -- predictions and residuals ------------------------------------
    def linear(self, v: Value, w: Value, depth: int = 0) -> Value | str | None:
        """X when ``v`` is ``X @ w`` (plus terms not using ``w``); BIAS when it is ``... + w``."""
        if depth > MAX_DEPTH:
            return None
        arg = argument_of(v)
        if arg is not None:
            return self.linear(arg, w, depth + 1)
        o = v.origin
        if o.func in PRODUCTS and len(o.inputs) == 2:
            x, right = o.inputs
            ok = same_weights(right, w) and isinstance(x, ArrayV) and x.shape.rank == 2
            return x if ok else None
        if (o.func in ADD or o.func in SUB) and len(o.inputs) == 2:
            pairs = [o.inputs, o.inputs[::-1]] if o.func in ADD else [o.inputs]
            for term, other in pairs:  # a - b: only the first term may hold w (the score's sign)
                if not _independent(other, w):
                    continue
                if same_weights(term, w):
                    return BIAS
                found = self.linear(term, w, depth + 1)
                if found is not None:
                    return found
        return None

    def prediction(self, v: Value, w: Value, depth: int = 0) -> tuple[str, Value | str] | None:
        """(loss, X) when ``v`` is a linear prediction or a sigmoid/softmax of a linear score."""
        arg = argument_of(v)
        if arg is not None and depth < MAX_DEPTH:
            return self.prediction(arg, w, depth + 1)
        design = self.linear(v, w)
        if design is not None:
            return SQUARED_ERROR, design
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
        design = self.linear(score, w) if score is not None else None
        return (CROSS_ENTROPY, design) if design is not None else None

    def residual(self, v: Value, w: Value) -> tuple[int, str, Value | str] | None:
        """(sign, loss, X) when ``v`` is prediction - target (+1) or target - prediction (-1)."""
        arg = argument_of(v)
        if arg is not None:
            return self.residual(arg, w)
        o = v.origin
        if o.func not in SUB or len(o.inputs) != 2:
            return None
        a, b = o.inputs
        for sign, pred, target in ((1, a, b), (-1, b, a)):
            # the target is an array (``1 - p`` in p * (1 - p) is not a residual)
            if not isinstance(target, ArrayV) or not _independent(target, w):
                continue
            found = self.prediction(pred, w)
            if found is not None:
                return sign, found[0], found[1]
        return None

    # -- gradients ------------------------------------------------------
    def gradient(self, v: Value, w: Value, depth: int = 0) -> Gradient | None:
        """The proof that ``v`` is a signed multiple of dL/dw, or None."""
        key = (id(v), id(w))
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = None  # cycles and depth: no proof
        found = self._gradient(v, w, depth) if depth <= MAX_DEPTH else None
        self._memo[key] = found
        return found

    def _gradient(self, v: Value, w: Value, depth: int) -> Gradient | None:
        arg = argument_of(v)
        if arg is not None:
            return self.gradient(arg, w, depth + 1)
        o = v.origin
        f, ins = o.func, o.inputs
        if f in NEG and ins:
            g = self.gradient(ins[0], w, depth + 1)
            return replace(g, sign=-g.sign) if g else None
        if (f in MUL or f in DIV) and len(ins) == 2:
            pairs = [(ins[0], ins[1]), (ins[1], ins[0])] if f in MUL else [(ins[0], ins[1])]
            for carrier, factor in pairs:
                s = sign_of(factor)
                g = self.gradient(carrier, w, depth + 1) if s else None
                if g is not None and s is not None:
                    return replace(g, sign=g.sign * s)
            return None
        if f in PRODUCTS and len(ins) == 2:
            return self._data_term(v, w)
        if f in _REDUCTIONS and ins:
            return self._reduced(v, w)
        if (f in ADD or f in SUB) and len(ins) == 2:
            return self._combined(v, w, depth)
        return None

    def _data_term(self, v: Value, w: Value) -> Gradient | None:
        """``X.T @ r`` (any scaling of either side) or ``r @ X`` for a 1-D residual."""
        sa, left = scaled(v.origin.inputs[0])
        sb, right = scaled(v.origin.inputs[1])
        if not sa or not sb:
            return None
        if left.origin.func == "numpy.transpose" and left.origin.inputs:
            x, r = left.origin.inputs[0], right
        elif _rank(left) == 1 and _rank(right) == 2:
            x, r = right, left
        else:
            return None
        res = self.residual(r, w)
        if res is None or isinstance(res[2], str) or not same_value(res[2], x):
            return None
        return Gradient(sa * sb * res[0], res[1], res[0], r, res[2], v.origin.node)

    def _reduced(self, v: Value, w: Value) -> Gradient | None:
        """``mean(r[:, None] * X, axis=0)``, ``(X.T * r).sum(axis=1)``, and a bias's ``sum(p - y)``."""
        sign, factors = _factors(v.origin.inputs[0])
        if sign is None or not self._shaped_like(v, w):
            return None
        axis = v.origin.param("axis")
        if len(factors) == 1:  # the bias: the residual summed over the samples
            res = self.residual(factors[0], w)
            if res is None or res[2] != BIAS or axis not in (None, 0):
                return None
            return Gradient(sign * res[0], res[1], res[0], factors[0], BIAS, v.origin.node)
        if len(factors) != 2:
            return None
        for d, r in (factors, factors[::-1]):
            transposed = d.origin.func == "numpy.transpose" and bool(d.origin.inputs)
            x = d.origin.inputs[0] if transposed else d
            if _rank(x) != 2 or axis not in ((1, -1) if transposed else (0, -2)):
                continue
            res = self.residual(_unexpanded(r), w)
            if res is not None and not isinstance(res[2], str) and same_value(res[2], x):
                return Gradient(sign * res[0], res[1], res[0], r, res[2], v.origin.node)
        return None

    def _combined(self, v: Value, w: Value, depth: int) -> Gradient | None:
        """A sum of gradient terms of one sign: ridge ``+ lam * w``, momentum ``beta * v + g``."""
        a, b = v.origin.inputs
        signs, first = set(), None
        for term, s in ((a, 1), (b, 1 if v.origin.func in ADD else -1)):
            g = self.gradient(term, w, depth + 1)
            if g is not None:
                signs.add(g.sign * s)
                first = first or g
                continue
            factor, core = scaled(term)
            if factor and core is not term and same_weights(core, w):
                signs.add(factor * s)  # a ridge penalty: the gradient of lam/2 |w|^2
            elif not (factor == 1 and self._zero_started_buffer(core, v)):
                return None
        if first is None or len(signs) != 1:
            return None
        return replace(first, sign=signs.pop())

    def _zero_started_buffer(self, previous: Value, value: Value) -> bool:
        """``previous`` is the zero start of the name ``value`` is assigned to: ``v = beta * v + g``.

        With ``v`` started at zero and ``beta >= 0``, ``v`` stays a nonnegative combination
        of the gradient terms, so it has their sign.
        """
        start = previous.origin.func in _ZEROS or (isinstance(previous, ScalarV) and previous.const == 0)
        if not start:
            return False
        return any(id(previous) in self._values.get(name, ()) for name in self._names.get(id(value), ()))

    def _shaped_like(self, v: Value, w: Value) -> bool:
        if isinstance(v, ScalarV) and isinstance(w, ScalarV):
            return True
        if not (isinstance(v, ArrayV) and isinstance(w, ArrayV)) or v.shape.rank != w.shape.rank or v.shape.rank is None:
            return False
        return all(self.facts.unifier.eq(a, b) is True for a, b in zip(v.shape.dims, w.shape.dims))


def climbs_by_label_minus_prediction(sign: int, g: Gradient) -> bool:
    """G502's case: ``w -= lr * X.T @ (y - p)`` for a cross-entropy (G501 leaves it to G502)."""
    return sign < 0 and g.sign < 0 and g.loss == CROSS_ENTROPY and g.residual_sign < 0


def _rank(v: Value) -> int | None:
    return v.shape.rank if isinstance(v, ArrayV) else 0 if isinstance(v, ScalarV) else None


def _factors(value: Value) -> tuple[int | None, list[Value]]:
    """An elementwise product as (sign of its known factors, the factors of unknown sign)."""
    sign: int | None = 1
    out: list[Value] = []
    stack = [value]
    while stack and sign is not None and len(out) < 6:
        v = stack.pop()
        o = v.origin
        if o.func in NEG and o.inputs:
            sign = -sign
            stack.append(o.inputs[0])
        elif o.func in MUL and len(o.inputs) == 2:
            stack.extend(o.inputs)
        elif o.func in DIV and len(o.inputs) == 2:
            s = sign_of(o.inputs[1])
            sign = sign * s if s else None
            stack.append(o.inputs[0])
        elif isinstance(v, ArrayV) and sign_of(v) is None:
            out.append(v)
        else:
            s = sign_of(v)
            sign = sign * s if s else None
    return sign, out


def _unexpanded(v: Value) -> Value:
    """``r`` for ``r[:, None]``, ``r.reshape(-1, 1)``, ``np.expand_dims(r, 1)``."""
    for _ in range(4):
        o = v.origin
        new_axes = o.func == "getitem" and all(isinstance(i, (SliceV, NoneV)) for i in o.inputs[1:])
        if not o.inputs or not (new_axes or o.func in _EXPANDS):
            break
        v = o.inputs[0]
    return v
