"""G502: the cross-entropy gradient written ``y - p`` and then subtracted in a descent step."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import sigmoid_logit, softmax_of, source_text
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, Value

_SUBTRACT = frozenset({"-", "numpy.subtract"})
#: operations a gradient passes through on its way into the step (scaling, X.T @, mean, sum)
_CARRY = frozenset({
    "operator.mul", "operator.truediv", "operator.matmul", "numpy.dot", "numpy.matmul", "numpy.multiply",
    "numpy.divide", "numpy.mean", "numpy.sum", "numpy.transpose", "getitem", "numpy.reshape", "numpy.expand_dims",
})
MAX_DEPTH = 6


class SoftmaxCeGradientSign(Rule):
    """## What it does
    Reports a descent step `w -= lr * X.T @ (y - p)` (or `w = w - ...`) where `p` is
    the sigmoid or softmax of a score computed from `w` itself: the residual is
    label minus prediction, so the step climbs the cross-entropy. The sign is read
    from the program: `p` must provably be
    `sigmoid(...)` / `softmax(...)` of an expression that uses the `w` being
    updated. `w += lr * X.T @ (y - p)`, gradient *ascent* on the log-likelihood, is
    correct and is not reported; neither is `w -= lr * X.T @ (p - y)`.

    ## Why is this bad?
    For the logistic or softmax cross-entropy `L(w)`, the gradient is
    `dL/dw = X^T (p - y)` (the residual is prediction minus label). `y - p` is
    `-dL/dw`, so `w - lr X^T (y - p) = w + lr dL/dw` moves *uphill*: the loss grows
    at every step, the opposite of training.

    ## Example
    ```python
    p = sigmoid(X @ w)
    w -= lr * X.T @ (y - p) / n
    ```

    ## Use instead
    ```python
    w -= lr * X.T @ (p - y) / n     # descent on the loss
    # or: w += lr * X.T @ (y - p) / n   (ascent on the log-likelihood)
    ```

    ## Fix safety
    No automatic fix: whether the author meant descent on the loss or ascent on
    the likelihood decides which sign to change.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §9.3 (gradient descent).
    - Mathematics for Machine Learning, ch. 7 and §8.2. Exercises 04 and 06.
    """

    code = "G502"
    name = "softmax-ce-gradient-sign"
    severity = "error"
    resources = ("boyd-cvx: §9.3", "mml: ch. 7")
    exercise = 6

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op not in _SUBTRACT or len(ev.operands) != 2 or not _is_update(ev.node):
                continue
            weights, step = ev.operands[0].value, ev.operands[1].value
            residual = _label_minus_prediction(step, weights, 0)
            if residual is None:
                continue
            message = (f"{source_text(facts, ev.node)}: {source_text(facts, residual.origin.node)} is minus the "
                       f"cross-entropy gradient (that is p - y), so subtracting it climbs the loss")
            yield self.finding(facts.span(ev.node), message)


def _is_update(node: ast.AST) -> bool:
    """``w -= step`` (``w = w - step`` reaches here as the BinOp of such an assignment)."""
    if isinstance(node, ast.AugAssign):
        return isinstance(node.op, ast.Sub)
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and isinstance(node.left, (ast.Name, ast.Attribute))


def _label_minus_prediction(value: Value, weights: Value, depth: int) -> Value | None:
    """The ``y - p`` inside ``value`` with ``p`` a sigmoid/softmax of a score that uses ``weights``."""
    if depth > MAX_DEPTH:
        return None
    origin = value.origin
    if origin.func in ("operator.sub", "numpy.subtract") and len(origin.inputs) == 2:
        labels, p = origin.inputs
        if not isinstance(labels, ArrayV):
            return None  # 1 - p (as in p * (1 - p)) is not label minus prediction
        score = sigmoid_logit(p)
        if score is not None and score.origin.func == "operator.neg" and score.origin.inputs:
            score = score.origin.inputs[0]
        exp = softmax_of(p)
        if score is None and exp is not None and exp.origin.inputs:
            score = exp.origin.inputs[0]
        if score is not None and _uses(score, weights, 0):
            return value
        return None
    if origin.func not in _CARRY or any(_negative(v) for v in origin.inputs):
        return None  # a factor -1 (``-lr * ...``) flips the sign: when in doubt, no finding
    carried = origin.inputs[:1] if origin.func in ("operator.truediv", "numpy.divide") else origin.inputs
    for v in carried:  # a divisor scales the step; the sign of the gradient is in the numerator
        found = _label_minus_prediction(v, weights, depth + 1)
        if found is not None:
            return found
    return None


def _negative(value: Value, depth: int = 0) -> bool:
    """Whether a factor carries a minus sign: ``-lr``, ``-0.1``, ``(-lr * X.T)``."""
    const = getattr(value, "const", None)
    if isinstance(const, (int, float)) and not isinstance(const, bool):
        return const < 0
    origin = value.origin
    if origin.func == "operator.neg":
        return True
    if origin.func in _CARRY and depth < MAX_DEPTH:
        return sum(_negative(v, depth + 1) for v in origin.inputs) % 2 == 1
    return False


def _uses(value: Value, target: Value, depth: int) -> bool:
    if value is target:
        return True
    if depth > MAX_DEPTH:
        return False
    return any(_uses(v, target, depth + 1) for v in value.origin.inputs)
