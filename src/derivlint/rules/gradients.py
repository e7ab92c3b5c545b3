"""Gradients of a loss, as the engine's origins show them: one definition for G501, G502, G503.

A *gradient* of the loss of a residual ``r`` (``residuals.py``: prediction minus target,
for the ``w`` being updated) is, with the prediction's own data matrix ``X``:

- ``X.T @ r`` (``np.dot(X.T, r)``, ``X.T.dot(r)``, ``r @ X``; ``X @ r.T`` when samples
  are columns; ``r @ X.T`` for a matrix ``W`` in ``W @ X``), ``mean(r[:, None] * X, axis=0)``, ``(X.T * r).sum(axis=1)``;
- ``r_i * x_i`` for one sample (stochastic gradient descent); ``sum(r)`` or ``r_i``
  for a bias;
- times factors of known sign (``signs.py``: ``lr``, ``2 / n``, ``-1``), plus a ridge
  term ``lam * w`` of the same sign, or a momentum buffer started at zero
  (``v = beta * v + g``, ``beta >= 0``: a nonnegative combination of gradients).

``Gradient.sign`` says whether the value is a positive (+1) or negative (-1) multiple
of dL/dw. Names are never read: ``grad`` is whatever the program computed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from derivlint.rules.residuals import (
    BIAS,
    COLUMNS,
    CROSS_ENTROPY,
    MATRIX,
    PRODUCTS,
    ROWS,
    Residual,
    residual,
    same_data,
    same_weights,
)
from derivlint.rules.signs import (
    ADD,
    DIV,
    MUL,
    NEG,
    SUB,
    argument_of,
    const_value,
    scaled,
    sign_of,
)
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, NoneV, ScalarV, SliceV, Value

_REDUCTIONS = frozenset({"numpy.mean", "numpy.sum"})
_EXPANDS = frozenset({"numpy.reshape", "numpy.expand_dims", "numpy.transpose"})
_ZEROS = frozenset({"numpy.zeros", "numpy.zeros_like"})
MAX_DEPTH = 10


@dataclass(frozen=True)
class Gradient:
    """``value = sign * (positive) * dL/dw`` for the loss ``loss``."""

    sign: int
    loss: str
    residual_sign: int  # +1: prediction - target; -1: target - prediction
    residual: Value
    design: Value | str  # the data matrix X (or BIAS)
    node: ast.AST | None  # the expression computing the gradient (for related information)


def _proof(sign: int, res: Residual, r: Value, v: Value) -> Gradient:
    return Gradient(sign * res.sign, res.loss, res.sign, r, res.design, v.origin.node)


def _layout(res: Residual) -> str:
    """The layout a gradient's product must have: ``X.T @ r`` for rows (and a bias's), ``X @ r.T``, ``r @ X.T``."""
    return res.layout if res.layout in (COLUMNS, MATRIX) else ROWS


class Gradients:
    """The gradient proofs of one program's facts (memoised per value and weights)."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._memo: dict[tuple[int, int], Gradient | None] = {}
        #: the names each value was assigned to, and each name's values (momentum buffers; built on demand)
        self._names: dict[int, set[str]] | None = None
        self._values: dict[str, set[int]] = {}

    def _assigned(self) -> dict[int, set[str]]:
        if self._names is None:
            self._names = {}
            for target, value in self.facts.assignments:
                if isinstance(target, (ast.Name, ast.Attribute)):
                    name = target.id if isinstance(target, ast.Name) else ast.unparse(target)
                    self._names.setdefault(id(value), set()).add(name)
                    self._values.setdefault(name, set()).add(id(value))
        return self._names

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
            return self._one_sample(v, w) if f in MUL else None
        if f in PRODUCTS and len(ins) == 2:
            return self._data_term(v, w)
        if f == "numpy.transpose" and ins and _rank(ins[0]) == 1:
            return self.gradient(ins[0], w, depth + 1)  # .T of a vector does nothing
        if f in _REDUCTIONS and ins:
            return self._reduced(v, w)
        if f in SUB and self._shaped_like(v, w):
            res = residual(v, w)  # a bias's gradient for one sample: p_i - y_i
            if res is not None and res.design == BIAS:
                return _proof(1, res, v, v)
        if (f in ADD or f in SUB) and len(ins) == 2:
            return self._combined(v, w, depth)
        return None

    def _data_term(self, v: Value, w: Value) -> Gradient | None:
        """``X.T @ r`` (any scaling of either side), ``r @ X``, and ``X @ r.T`` for samples as columns."""
        sa, left = scaled(v.origin.inputs[0])
        sb, right = scaled(v.origin.inputs[1])
        if not sa or not sb or not self._shaped_like(v, w):
            return None
        candidates = []
        if left.origin.func == "numpy.transpose" and left.origin.inputs:
            candidates.append((left.origin.inputs[0], _unexpanded(right), ROWS))  # X.T @ r
        if _rank(left) == 1 and _rank(right) == 2:
            candidates.append((right, _unexpanded(left), ROWS))  # r @ X (r.T @ X: .T of a vector)
        if _rank(left) == 2:
            candidates.append((left, _unexpanded(right), COLUMNS))  # X @ r.T, samples as columns
        if _rank(left) == 2 and right.origin.func == "numpy.transpose" and right.origin.inputs:
            candidates.append((right.origin.inputs[0], left, MATRIX))  # r @ X.T for W @ X
        for x, r, layout in candidates:
            res = residual(r, w)
            if res is not None and _layout(res) == layout and _same_data(res, x):
                return _proof(sa * sb, res, r, v)
        return None

    def _reduced(self, v: Value, w: Value) -> Gradient | None:
        """``mean(r[:, None] * X, axis=0)``, ``(X.T * r).sum(axis=1)``, and a bias's ``sum(p - y)``."""
        sign, factors = _factors(v.origin.inputs[0])
        if sign is None or not self._shaped_like(v, w):
            return None
        axis = v.origin.param("axis")
        if len(factors) == 1:  # the bias: the residual summed over the samples
            res = residual(factors[0], w)
            ok = res is not None and res.design == BIAS and axis in (None, 0, 1, -1)
            return _proof(sign, res, factors[0], v) if ok and res else None
        if len(factors) != 2:
            return None
        for d, r in (factors, factors[::-1]):
            transposed = d.origin.func == "numpy.transpose" and bool(d.origin.inputs)
            x, r = (d.origin.inputs[0] if transposed else d), _unexpanded(r)
            res = residual(r, w)
            if res is None or res.layout == MATRIX or _rank(x) != 2 or not _same_data(res, x):
                continue
            samples = (0, -2) if transposed == (res.layout == COLUMNS) else (1, -1)
            if axis in samples:
                return _proof(sign, res, r, v)
        return None

    def _one_sample(self, v: Value, w: Value) -> Gradient | None:
        """``(x_i @ w - y_i) * x_i``: the gradient of one sample's loss (SGD)."""
        sign, factors = _factors(v)
        if sign is None or len(factors) != 2 or not self._shaped_like(v, w):
            return None
        for x, r in (factors, factors[::-1]):
            res = residual(r, w)
            if res is not None and _rank(x) == 1 and _rank(r) == 0 and _same_data(res, x):
                return _proof(sign, res, r, v)
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
            elif not self._zero_started_buffer(term, v):
                return None
        if first is None or len(signs) != 1:
            return None
        return replace(first, sign=signs.pop())

    def _zero_started_buffer(self, term: Value, value: Value) -> bool:
        """``term`` is ``beta * v`` for the zero start of the name ``value`` is assigned to.

        That is momentum, ``v = beta * v + g``: with ``v`` started at zero and ``beta > 0``,
        ``v`` stays a nonnegative combination of the gradient terms, so it has their sign.
        """
        o = term.origin
        starts = [term]
        if o.func in MUL and len(o.inputs) == 2:
            starts += [u for u, beta in (o.inputs, o.inputs[::-1]) if sign_of(beta) == 1]
        names = self._assigned().get(id(value), ())
        return any(self._buffer(u, value, names, 0) for u in starts)

    def _buffer(self, u: Value, value: Value, names: set[str] | tuple[()], depth: int) -> bool:
        """``u`` is the zero start of the buffer whose update is ``value``; at a loop's head,
        either that start or ``value``'s own expression computed on an earlier pass."""
        if _zero(u):
            return any(id(u) in self._values.get(name, ()) for name in names)
        if u.origin.func != "join" or depth > 4:
            return False
        inputs = u.origin.inputs
        started = any(self._buffer(i, value, names, depth + 1) for i in inputs)
        return started and all(
            self._buffer(i, value, names, depth + 1) or (i.origin.node is not None and i.origin.node is value.origin.node)
            for i in inputs
        )

    def _shaped_like(self, v: Value, w: Value) -> bool:
        if isinstance(v, ScalarV) and isinstance(w, ScalarV):
            return True
        if not (isinstance(v, ArrayV) and isinstance(w, ArrayV)) or v.shape.rank != w.shape.rank or v.shape.rank is None:
            return False
        return all(self.facts.unifier.eq(a, b) is True for a, b in zip(v.shape.dims, w.shape.dims))


def climbs_by_label_minus_prediction(sign: int, g: Gradient) -> bool:
    """G502's case: ``w -= lr * X.T @ (y - p)`` for a cross-entropy (G501 leaves it to G502)."""
    return sign < 0 and g.sign < 0 and g.loss == CROSS_ENTROPY and g.residual_sign < 0


def _zero(v: Value) -> bool:
    return v.origin.func in _ZEROS or (isinstance(v, ScalarV) and const_value(v) == 0)


def _same_data(res: Residual, x: Value) -> bool:
    return not isinstance(res.design, str) and same_data(res.design, x)


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
        else:
            s = sign_of(v)
            if s is None:
                out.append(v)
            else:
                sign *= s
    return sign, out


def _unexpanded(v: Value) -> Value:
    """``r`` for ``r[:, None]``, ``r.reshape(-1, 1)``, ``np.expand_dims(r, 1)``, ``r.T``."""
    for _ in range(4):
        o = v.origin
        new_axes = o.func == "getitem" and all(isinstance(i, (SliceV, NoneV)) for i in o.inputs[1:])
        if not o.inputs or not (new_axes or o.func in _EXPANDS):
            break
        v = o.inputs[0]
    return v
