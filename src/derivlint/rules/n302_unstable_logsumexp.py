"""N302: ``log(sum(exp(x)))`` without subtracting the max first."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.common import bounded_above, max_shift, source_text
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.values import Value


class UnstableLogsumexp(Rule):
    """## What it does
    Reports `log(sum(exp(x)))` over any axis and in any spelling
    (`np.log(np.sum(np.exp(x), axis=1))`, `np.log(np.exp(x).sum())`, or through a
    variable `e = np.exp(x)` then `np.log(e.sum(axis=1))`) when `x` was not shifted
    by its max first. A shift by a max (`x - x.max(axis=1, keepdims=True)`, directly
    or held in a variable) and an argument that is provably bounded above
    (`-np.abs(x)`, `np.clip`, `np.minimum`) are left alone.

    ## Why is this bad?
    `log sum_i e^{x_i}` is about `max_i x_i`, an ordinary number, but `e^{x_i}` is
    `inf` for `x_i > 709` and `0` for `x_i < -745`: one large logit gives `inf`,
    all-very-negative ones give `log 0 = -inf`. With `m = max_i x_i`,
    `log sum_i e^{x_i} = m + log sum_i e^{x_i - m}`, and the largest term is `e^0 = 1`.

    ## Example
    ```python
    lse = np.log(np.sum(np.exp(logits), axis=1))
    ```

    ## Use instead
    ```python
    from scipy.special import logsumexp
    lse = logsumexp(logits, axis=1)
    # or
    m = logits.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True)))[:, 0]
    ```

    ## Fix safety
    For the sum over all elements (no `axis`) the fix writes the shifted form
    `np.max(x) + np.log(np.sum(np.exp(x - np.max(x))))`. It is the same number in
    exact arithmetic; it differs in the last bits, and where the original gave
    `inf` or `-inf`, so it is unsafe. No fix is offered for a sum over an axis:
    the max needs `keepdims`, and the shape of the result is the user's choice.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §3.1.5 (log-sum-exp).
    - Mathematics for Machine Learning, ch. 5. Exercise 04.
    """

    code = "N302"
    name = "unstable-logsumexp"
    severity = "warning"
    resources = ("boyd-cvx: §3.1.5 log-sum-exp", "mml: ch. 5")
    exercise = 4

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op != "numpy.log" or not ev.operands:
                continue
            total = ev.operands[0].value
            if total.origin.func not in ("numpy.sum", "numpy.nansum") or not total.origin.inputs:
                continue
            exp = total.origin.inputs[0]
            if exp.origin.func != "numpy.exp" or not exp.origin.inputs or _safe_argument(exp.origin.inputs[0]):
                continue
            message = (
                f"{source_text(facts, ev.node)}: exp overflows above 709 and underflows below -745 "
                f"before the log can bring it back; subtract the max first or use scipy.special.logsumexp"
            )
            yield self.finding(facts.span(ev.node), message, fix=_fix(facts, ev, total, exp))


def _safe_argument(arg: Value) -> bool:
    """``x - max(x)`` (any axis), or an argument bounded above."""
    return max_shift(arg) is not False or bounded_above(arg)


def _fix(facts: Facts, ev: OpEvent, total: Value, exp: Value) -> Fix | None:
    if total.origin.param("axis") is not None:
        return None
    log_call, sum_node, exp_call = ev.node, total.origin.node, exp.origin.node
    if not isinstance(log_call, ast.Call) or len(log_call.args) != 1 or log_call.args[0] is not sum_node:
        return None
    if not isinstance(exp_call, ast.Call) or len(exp_call.args) != 1 or not isinstance(exp_call.func, ast.Attribute):
        return None
    if not _sums_directly(sum_node, exp_call) or not isinstance(exp_call.args[0], ast.Name):
        return None
    np_, x = source_text(facts, exp_call.func.value), exp_call.args[0].id
    log = source_text(facts, log_call.func)
    text = f"{np_}.max({x}) + {log}({np_}.sum({np_}.exp({x} - {np_}.max({x}))))"
    return Fix(f"Shift by the max: {text}", False, (Edit(facts.span(log_call), text),))


def _sums_directly(node: ast.AST | None, exp_call: ast.Call) -> bool:
    """``np.sum(<exp call>)`` or ``<exp call>.sum()``, with no other arguments."""
    if not isinstance(node, ast.Call) or node.keywords:
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "sum" and func.value is exp_call and not node.args:
        return True
    return len(node.args) == 1 and node.args[0] is exp_call
