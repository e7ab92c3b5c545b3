"""S106: a reduction without keepdims broadcast back against its source."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix, Span
from derivlint.rules.base import Rule
from derivlint.rules.common import ELEMENTWISE_OPS, related, source_text
from derivlint.shapes.facts import Facts


class ReductionBroadcast(Rule):
    """## What it does
    Reports a reduction over a non-leading axis without `keepdims=True` whose
    result is then combined elementwise with the array it was reduced from:
    `x - x.max(axis=1)` or `e / e.sum(axis=1)` with `x` of shape `(n, k)`.

    ## Why is this bad?
    `x.max(axis=1)` has shape `(n,)`; broadcasting aligns it with the *last*
    axis of `x`, so row `i` is shifted by the max of row `j`. When `n != k`
    numpy raises an error; when `n == k` (a square batch, a square test case)
    the result is silently wrong: each row's softmax no longer sums to 1.

    ## Example
    ```python
    z = logits - logits.max(axis=1)
    p = np.exp(z) / np.exp(z).sum(axis=1)
    ```

    ## Use instead
    ```python
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    ```

    ## Fix safety
    The fix adds `keepdims=True` to the reduction. It changes what the code
    computes (to what was meant), so it is marked unsafe.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §3.1.5 (log-sum-exp).
    - Mathematics for Machine Learning, ch. 5.
    """

    code = "S106"
    name = "reduction-broadcast"
    severity = "warning"
    resources = ("boyd-cvx: §3.1.5 log-sum-exp", "mml: ch. 5", "3b1b-la")

    def check(self, facts: Facts) -> Iterable[Finding]:
        from derivlint.rules.common import reduction_broadcast

        for ev in facts.events:
            if ev.op not in ELEMENTWISE_OPS:
                continue
            found = reduction_broadcast(facts, ev.operands)
            if found is None:
                continue
            full, reduced, axis = found
            src_shape = facts.fmt(full.value.shape)  # type: ignore[union-attr]
            message = (
                f"{source_text(facts, ev.node)}: {source_text(facts, reduced.node)} reduces axis {axis} of a "
                f"{src_shape} array without keepdims=True, so its result broadcasts against the last axis, "
                f"not axis {axis}"
            )
            yield self.finding(facts.span(ev.node), message, related(facts, (full,)), _keepdims_fix(facts, reduced.node))


def _keepdims_fix(facts: Facts, node: ast.AST) -> Fix | None:
    if not isinstance(node, ast.Call) or any(k.arg == "keepdims" for k in node.keywords):
        return None
    end = facts.span(node)
    # insert before the closing parenthesis of the call
    insert = Span(end.end_line, end.end_col - 1, end.end_line, end.end_col - 1)
    sep = ", " if node.args or node.keywords else ""
    return Fix("Add keepdims=True", False, (Edit(insert, f"{sep}keepdims=True"),))
