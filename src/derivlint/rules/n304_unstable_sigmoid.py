"""N304: the logistic function written as ``exp(z) / (1 + exp(z))``, which is ``nan`` for large z."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.common import bounded_above, call_argument, same_exp, source_text
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.values import ScalarV, Value

_DIVIDE = frozenset({"/", "numpy.divide", "numpy.true_divide"})
_ADD = frozenset({"operator.add", "numpy.add"})


class UnstableSigmoid(Rule):
    """## What it does
    Reports the logistic function written as `exp(z) / (1 + exp(z))`, in any
    spelling: `np.exp(z) / (np.exp(z) + 1)`, through a variable (`e = np.exp(z)`
    then `e / (1 + e)`), or with `-z`. It stays silent when the argument of `exp` is
    provably bounded above (`-np.abs(z)`, `np.clip(z, ...)`, `np.minimum(z, 0)`),
    and it never reports `1 / (1 + np.exp(-z))`, which is correct in value.

    ## Why is this bad?
    `sigma(z) = e^z / (1 + e^z)`, but in floating point `e^z` is `inf` for
    `z > 709`, and `inf / inf` is `nan`: one large logit turns the loss and every
    gradient into `nan`. The same function written as `1 / (1 + e^{-z})` only
    underflows to `1 / (1 + 0) = 1` there, which is the right answer.

    ## Example
    ```python
    p = np.exp(X @ w) / (1 + np.exp(X @ w))
    ```

    ## Use instead
    ```python
    from scipy.special import expit
    p = expit(X @ w)
    # or
    p = 1 / (1 + np.exp(-(X @ w)))
    ```

    ## Fix safety
    The fix rewrites the quotient to `1 / (1 + exp(-z))`, with the same `exp`.
    The two are equal in exact arithmetic, but floating-point results differ in
    the last bits and where the original gave `nan`, so the fix is unsafe.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §3.1.5 (log-sum-exp and friends).
    - Mathematics for Machine Learning, ch. 5 and §8.2. Exercise 06.
    """

    code = "N304"
    name = "unstable-sigmoid"
    severity = "warning"
    resources = ("boyd-cvx: §3.1.5", "mml: ch. 5")
    exercise = 6

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op not in _DIVIDE or len(ev.operands) < 2:
                continue
            top, bottom = ev.operands[0].value, ev.operands[1].value
            if top.origin.func != "numpy.exp" or bottom.origin.func not in _ADD:
                continue
            if not any(same_exp(top, e) for e in _plus_one(bottom)) or _bounded(top):
                continue
            message = (
                f"{source_text(facts, ev.node)}: exp overflows to inf for arguments above 709 and "
                f"inf / inf is nan; use scipy.special.expit or 1 / (1 + exp(-z))"
            )
            yield self.finding(facts.span(ev.node), message, fix=_fix(facts, ev, top))


def _plus_one(value: Value) -> list[Value]:
    """The other term of ``1 + t`` / ``t + 1``."""
    inputs = value.origin.inputs
    if len(inputs) != 2:
        return []
    return [b for a, b in (inputs, inputs[::-1]) if isinstance(a, ScalarV) and a.kind != "bool" and a.const == 1]


def _bounded(exp: Value) -> bool:
    return bool(exp.origin.inputs) and bounded_above(exp.origin.inputs[0])


def _fix(facts: Facts, ev: OpEvent, top: Value) -> Fix | None:
    call = top.origin.node
    arg = call_argument(call)
    if arg is None or not isinstance(call, ast.Call):
        return None
    func, z = source_text(facts, call.func), source_text(facts, arg)
    if "…" in func or "…" in z or "\n" in z:
        return None
    if isinstance(arg, ast.UnaryOp) and isinstance(arg.op, ast.USub):
        negated = source_text(facts, arg.operand)
    elif isinstance(arg, (ast.Name, ast.Attribute, ast.Subscript, ast.Call, ast.Constant)):
        negated = f"-{z}"
    else:
        negated = f"-({z})"
    text = f"1 / (1 + {func}({negated}))"
    return Fix(f"Use {text}", False, (Edit(facts.span(ev.node), text),))
