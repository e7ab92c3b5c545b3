"""Newton steps ``H^-1 g`` whose direction the engine can prove (for G503).

``g`` is a gradient in the sense of ``gradients.py``. ``H`` is positive
semidefinite by construction when it is ``X^T D X`` for the gradient's own data
matrix ``X`` and a nonnegative diagonal weighting ``D``: ``X.T @ X`` (squared
error), ``X.T @ (s[:, None] * X)``, ``(X.T * s) @ X``, ``X.T @ np.diag(s) @ X``
with ``s = p * (1 - p)`` (cross-entropy), plus a ridge ``lam * np.eye(d)``,
scaled by positive factors; negated, it is negative semidefinite (the Hessian
of a log-likelihood). Anything else has no proven sign and gets no finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from derivlint.rules.gradients import Gradient, Gradients
from derivlint.rules.residuals import PRODUCTS, same_data
from derivlint.rules.signs import ADD, MUL, SUB, nonnegative, scaled
from derivlint.shapes.values import ArrayV, ScalarV, Value

SOLVES = frozenset({"numpy.linalg.solve", "scipy.linalg.solve"})
INVERSES = frozenset({"numpy.linalg.inv", "numpy.linalg.pinv"})
_IDENTITIES = frozenset({"numpy.eye", "numpy.identity"})
MAX_DEPTH = 6


@dataclass(frozen=True)
class NewtonStep:
    """``step = sign * (positive) * A^-1 dL/dw`` with ``A`` positive semidefinite."""

    sign: int
    gradient: Gradient
    gradient_value: Value
    hessian: Value
    hessian_sign: int


def newton_step(proofs: Gradients, step: Value, w: Value) -> NewtonStep | None:
    """``solve(H, g)``, ``inv(H) @ g``, ``inv(H).dot(g)`` (any scaling) with proven signs."""
    sign, core = scaled(step)
    o = core.origin
    if not sign or len(o.inputs) < 2:
        return None
    if o.func in SOLVES:
        hessian, g = o.inputs[0], o.inputs[1]
    elif o.func in PRODUCTS:
        s, inverse = scaled(o.inputs[0])
        if not s or inverse.origin.func not in INVERSES or not inverse.origin.inputs:
            return None
        sign, hessian, g = sign * s, inverse.origin.inputs[0], o.inputs[1]
    else:
        return None
    grad = proofs.gradient(g, w)
    if grad is None or isinstance(grad.design, str):
        return None
    h = definiteness(hessian, grad.design)
    if h is None:
        return None
    return NewtonStep(sign * h * grad.sign, grad, g, hessian, h)


def definiteness(h: Value, x: Value, depth: int = 0) -> int | None:
    """+1 if ``h`` is ``X^T D X`` (D >= 0 diagonal) up to positive factors, -1 if minus one."""
    sign, core = scaled(h)
    if not sign or depth > MAX_DEPTH:
        return None
    o = core.origin
    if (o.func in ADD or o.func in SUB) and len(o.inputs) == 2:
        signs, gram = set(), False
        for term, s in ((o.inputs[0], 1), (o.inputs[1], 1 if o.func in ADD else -1)):
            t = definiteness(term, x, depth + 1)
            if t is not None:
                gram = True
            else:
                t = _ridge(term)
            if t is None:
                return None
            signs.add(t * s)
        return sign * signs.pop() if gram and len(signs) == 1 else None
    gram = _weighted_gram(_chain(core), x) if o.func in PRODUCTS else None
    return sign * gram if gram else None


def _ridge(term: Value) -> int | None:
    """The sign of ``lam * np.eye(d)``."""
    sign, core = scaled(term)
    return sign if sign and core.origin.func in _IDENTITIES else None


def _chain(value: Value, depth: int = 0) -> list[Value]:
    """The factors of ``A @ B @ C`` however it is bracketed."""
    o = value.origin
    if o.func in PRODUCTS and len(o.inputs) == 2 and depth < MAX_DEPTH:
        return _chain(o.inputs[0], depth + 1) + _chain(o.inputs[1], depth + 1)
    return [value]


def _weighted_gram(chain: list[Value], x: Value) -> int | None:
    """+1 for ``X.T [D] X`` with every weighting nonnegative (positive semidefinite), -1 negated."""
    if len(chain) not in (2, 3):
        return None
    factors = [scaled(v) for v in chain]
    sign = 1
    for s, _ in factors:
        if not s:
            return None
        sign *= s
    first, *middle, last = (core for _, core in factors)
    left = _weighted(first, "numpy.transpose")
    right = _weighted(last, None)
    if left is None or right is None or not (same_data(left, x) and same_data(right, x)):
        return None
    return sign if all(_nonnegative_diagonal(m) for m in middle) else None


def _weighted(value: Value, func: str | None) -> Value | None:
    """X for ``X`` / ``X.T`` (as ``func`` says), alone or times per-sample weights ``s >= 0``."""
    o = value.origin
    if o.func in MUL and len(o.inputs) == 2:
        for core, weights in (o.inputs, o.inputs[::-1]):
            x = _weighted(core, func)
            if x is not None and _per_sample(weights, func is not None) and nonnegative(weights):
                return x
        return None
    if func is None:
        return value if isinstance(value, ArrayV) and value.shape.rank == 2 else None
    return o.inputs[0] if o.func == func and o.inputs else None


def _per_sample(weights: Value, transposed: bool) -> bool:
    """Weights that scale whole samples: ``s[:, None] * X`` or ``X.T * s``, never ``X * M`` entrywise."""
    if isinstance(weights, ScalarV):
        return True
    if not isinstance(weights, ArrayV):
        return False
    dims = weights.shape.dims
    if weights.shape.rank == 1:
        return transposed  # (n,) broadcasts along the last axis: the samples of X.T
    if weights.shape.rank == 2:
        one = dims[0] if transposed else dims[1]
        return one.is_const and one.const == 1
    return False


def _nonnegative_diagonal(value: Value) -> bool:
    """``np.diag(s)``, ``np.eye(n)``, ``np.eye(n) * s`` with ``s >= 0``."""
    o = value.origin
    if o.func == "numpy.diag" and o.inputs:
        d = o.inputs[0]
        return isinstance(d, ArrayV) and d.shape.rank == 1 and nonnegative(d)
    if o.func in _IDENTITIES:
        return True
    if o.func in MUL and len(o.inputs) == 2:
        for diagonal, weights in (o.inputs, o.inputs[::-1]):
            rank = weights.shape.rank if isinstance(weights, ArrayV) else 0
            if _nonnegative_diagonal(diagonal) and rank is not None and rank <= 1 and nonnegative(weights):
                return True
    return False
