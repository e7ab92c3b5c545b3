"""N301: a softmax that exponentiates before shifting by the max (or by the wrong max)."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix, Related, Span
from derivlint.rules.base import Rule
from derivlint.rules.common import (
    bounded_above,
    call_argument,
    max_shift,
    normaliser_sum,
    softmax_numerator,
    source_text,
)
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, Value

_DIVIDE = frozenset({"/", "numpy.divide", "numpy.true_divide"})


class UnstableSoftmax(Rule):
    """## What it does
    Reports a softmax, `exp(x) / sum(exp(x))` over any axis and in any spelling
    (`np.sum(..., axis=1, keepdims=True)`, `e.sum(axis=-1, keepdims=True)`, through
    `e = np.exp(x)`, in a helper), when `x` was not shifted by its max first. It is
    reported at the `exp` (what the fix edits), with the division as related
    information. It also reports a batch of rows normalised row by row but shifted by the max of the
    whole batch (`x - np.max(x)`), not by each row's max. A shift by the right max,
    inline or in a variable, and arguments bounded above are left alone. The
    finding is at the `exp` (the numerator's), the division is related information.

    ## Why is this bad?
    `softmax(x)_i = e^{x_i} / sum_j e^{x_j}` is unchanged by subtracting any constant
    from every `x_j`. Unshifted, one logit above 709 makes `e^{x_i} = inf` and the
    row `inf / inf = nan`. Shifted by the batch's global max, a row whose logits all
    lie 745 below that max underflows to `0 / 0 = nan`: the constant must be each
    row's own max, `x - x.max(axis=1, keepdims=True)`.

    ## Example
    ```python
    p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    q = np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)), axis=1, keepdims=True)
    ```

    ## Use instead
    ```python
    s = z - z.max(axis=1, keepdims=True)
    p = np.exp(s) / np.sum(np.exp(s), axis=1, keepdims=True)
    # or: from scipy.special import softmax; p = softmax(z, axis=1)
    ```

    ## Fix safety
    The fix shifts the argument of each `exp` by `np.max(x, axis=..., keepdims=True)`
    over the axis the sum normalises (or adds that axis to a global `np.max(x)`).
    The result is the same in exact arithmetic; it differs in the last bits and
    where the original gave `nan`, so the fix is unsafe. It is offered when the
    argument of `exp` is a plain name and the sum's axis is a literal.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §3.1.5 (log-sum-exp).
    - Mathematics for Machine Learning, ch. 5. Exercise 04.
    """

    code = "N301"
    name = "unstable-softmax"
    severity = "warning"
    resources = ("boyd-cvx: §3.1.5 log-sum-exp", "mml: ch. 5")
    exercise = 4

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op not in _DIVIDE or len(ev.operands) < 2:
                continue
            top, total = ev.operands[0].value, normaliser_sum(ev.operands[1].value)
            if total is None:
                continue
            bottom = total.origin.inputs[0]
            exp = softmax_numerator(top, bottom)
            if exp is None or not exp.origin.inputs:
                continue
            arg = exp.origin.inputs[0]
            if top.origin.func == "numpy.exp":
                exp = top  # reported at the numerator's own exp, ``exp(f[y])`` included
            axis = total.origin.param("axis")
            text = source_text(facts, ev.node)
            if _global_max_shift(arg, axis):
                message = (f"{text}: the rows are normalised one by one but shifted by the max of the whole "
                           f"array; a row far below that max underflows to 0/0 = nan: shift by each row's max")
                span, related = _at_exp(facts, ev.node, exp)
                yield self.finding(span, message, related, fix=_axis_fix(facts, arg, axis))
            elif not _shifted_or_bounded(arg):
                message = (f"{text}: exp overflows to inf for logits above 709 and inf/inf is nan; "
                           f"subtract the max first")
                span, related = _at_exp(facts, ev.node, exp)
                yield self.finding(span, message, related, fix=_shift_fix(facts, top, bottom, axis))


def _at_exp(facts: Facts, division: ast.AST, top: Value) -> tuple[Span, tuple[Related, ...]]:
    """(span, related): reported at the numerator's ``exp`` (rules.md), the division as related."""
    exp = top.origin.node
    if exp is None or exp is division or not hasattr(exp, "lineno"):
        return facts.span(division), ()
    return facts.span(exp), (Related(facts.span(division), f"normalised here: {source_text(facts, division)}"),)


def _max_of(value: Value) -> Value | None:
    """The max that ``value`` subtracts (``x - max(x ...)``), if it is such a shift."""
    m = max_shift(value)
    return m if isinstance(m, Value) else None


def _shifted_or_bounded(arg: Value) -> bool:
    return max_shift(arg) is not False or bounded_above(arg)


def _global_max_shift(arg: Value, axis: object) -> bool:
    """A row-wise (axis) normalisation of a batch shifted by a max over everything."""
    m = _max_of(arg)
    if m is None or axis is None or m.origin.param("axis") is not None:
        return False
    shape = arg.shape if isinstance(arg, ArrayV) else None
    return shape is not None and shape.rank is not None and shape.rank >= 2


def _axis_fix(facts: Facts, arg: Value, axis: object) -> Fix | None:
    m = _max_of(arg)
    call = m.origin.node if m is not None else None
    if not isinstance(axis, int) or not isinstance(call, ast.Call) or len(call.args) != 1 or call.keywords:
        return None
    span = facts.span(call)
    at = span.__class__(span.end_line, span.end_col - 1, span.end_line, span.end_col - 1)
    return Fix(f"Shift by each row's max (axis={axis}, keepdims=True)", False,
               (Edit(at, f", axis={axis}, keepdims=True"),))


def _shift_fix(facts: Facts, top: Value, bottom: Value, axis: object) -> Fix | None:
    if axis is not None and not isinstance(axis, int):
        return None
    calls = {id(v.origin.node): v.origin.node for v in (top, bottom)}
    edits = []
    for call in calls.values():
        arg = call_argument(call)
        if not isinstance(arg, ast.Name) or not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            return None
        np_ = source_text(facts, call.func.value)
        where = "" if axis is None else f", axis={axis}, keepdims=True"
        edits.append(Edit(facts.span(arg), f"{arg.id} - {np_}.max({arg.id}{where})"))
    return Fix("Subtract the max before exp", False, tuple(edits))
