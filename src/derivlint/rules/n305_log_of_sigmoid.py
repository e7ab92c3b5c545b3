"""N305: ``log(sigmoid(z))`` or ``log(1 - sigmoid(z))`` written as one expression."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.common import is_one, sigmoid_logit, source_text
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.values import Value

_SUB = frozenset({"operator.sub", "numpy.subtract"})


class LogOfSigmoid(Rule):
    """## What it does
    Reports the log of a logistic function computed in the same expression:
    `np.log(sigmoid(z))` and `np.log(1 - sigmoid(z))`, where `sigmoid` is any
    function that computes `1 / (1 + exp(-z))` (a helper, `scipy.special.expit`, or
    the formula written inline). The log of a *variable* that holds probabilities,
    as in the standard cross-entropy `y * np.log(p) + (1 - y) * np.log(1 - p)`, is
    not reported: there the probabilities are a quantity of their own.

    ## Why is this bad?
    `log sigma(z) = -log(1 + e^{-z})`. Computed as `log` of `sigma(z)`, the inner
    value rounds to `0.0` once `z < -745` (and `1 - sigma(z)` rounds to `0.0` once
    `z > 37`), so the loss is `-inf` and its gradient `nan`, where the true value is
    simply about `z` (or `-z`). `np.logaddexp(0, -z)` computes `log(1 + e^{-z})`
    without forming `e^{-z}`.

    ## Example
    ```python
    loss = -np.mean(y * np.log(sigmoid(X @ w)) + (1 - y) * np.log(1 - sigmoid(X @ w)))
    ```

    ## Use instead
    ```python
    z = X @ w
    loss = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))
    # or scipy.special.log_expit(z) and log_expit(-z)
    ```

    ## Fix safety
    The fix writes `-np.logaddexp(0, -z)` for `log(sigmoid(z))` and
    `-np.logaddexp(0, z)` for `log(1 - sigmoid(z))`. The values agree in exact
    arithmetic and differ in the last bits and where the original was `-inf`, so
    the fix is unsafe.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §3.1.5.
    - Mathematics for Machine Learning, ch. 5 and §8.2 (logistic regression). Exercise 06.
    """

    code = "N305"
    name = "log-of-sigmoid"
    severity = "info"
    resources = ("boyd-cvx: §3.1.5", "mml: ch. 5")
    exercise = 6

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op != "numpy.log" or not ev.operands:
                continue
            arg = ev.operands[0]
            if isinstance(arg.node, ast.Name):
                continue  # probabilities held in a variable: a cross-entropy, left alone
            value, complement = arg.value, False
            if value.origin.func in _SUB and len(value.origin.inputs) == 2 and is_one(value.origin.inputs[0]):
                value, complement = value.origin.inputs[1], True
                if isinstance(arg.node, ast.BinOp) and isinstance(arg.node.right, ast.Name):
                    continue  # 1 - p for probabilities p held in a variable
            z = sigmoid_logit(value)
            if z is None:
                continue
            what = "log(1 - sigmoid(z))" if complement else "log(sigmoid(z))"
            message = (f"{source_text(facts, ev.node)}: {what} is -inf once sigmoid rounds to "
                       f"{'1' if complement else '0'}; use np.logaddexp(0, {'z' if complement else '-z'}) instead")
            yield self.finding(facts.span(ev.node), message, fix=_fix(facts, ev, z, complement))


def _fix(facts: Facts, ev: OpEvent, z: Value, complement: bool) -> Fix | None:
    """The fix, when ``z`` can be quoted from the expression itself."""
    call = ev.node
    if not isinstance(call, ast.Call) or len(call.args) != 1 or not isinstance(call.func, ast.Attribute):
        return None
    sigmoid = call.args[0]
    if complement and isinstance(sigmoid, ast.BinOp):
        sigmoid = sigmoid.right
    neg = z.origin.node if z.origin.func == "operator.neg" else None
    if isinstance(sigmoid, ast.Call) and len(sigmoid.args) == 1 and not sigmoid.keywords:
        inner = source_text(facts, sigmoid.args[0])  # a helper or expit: z is its argument
    elif isinstance(neg, ast.UnaryOp) and isinstance(neg.op, ast.USub) and _inside(facts, neg, call):
        inner = source_text(facts, neg.operand)
    else:
        return None
    np_ = source_text(facts, call.func.value)
    if "…" in inner or "…" in np_:
        return None
    z_text = _paren(inner)
    text = f"-{np_}.logaddexp(0, {z_text if complement else '-' + z_text})"
    return Fix(f"Use {text}", False, (Edit(facts.span(call), text),))


def _inside(facts: Facts, node: ast.AST, outer: ast.AST) -> bool:
    a, b = facts.span(node), facts.span(outer)
    return (b.line, b.col) <= (a.line, a.col) and (a.end_line, a.end_col) <= (b.end_line, b.end_col)


def _paren(text: str) -> str:
    return text if text.replace("_", "").replace(".", "").isalnum() else f"({text})"
