"""N306: a softmax over a batch normalised over the whole array."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import normaliser_sum, softmax_of, source_text
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV

_DIVIDE = frozenset({"/", "numpy.divide", "numpy.true_divide"})


class SoftmaxWrongAxis(Rule):
    """## What it does
    Reports a softmax of a batch, `exp(S) / sum(exp(S))` with `S` known to be 2-D
    (or more), whose sum has no `axis`: every score of every sample is normalised
    together, so each row no longer sums to 1. Both batch layouts exist in the
    wild (`(n, k)` with `axis=1`, the `(k, n)` course convention with `axis=0`),
    so a sum over one axis is never reported here: only the sum over everything,
    which is wrong in both layouts.

    ## Why is this bad?
    `softmax(s)_j = e^{s_j} / sum_l e^{s_l}` normalises *one* sample's scores. Over
    a batch, `sum(exp(S))` adds all `n k` terms, so `P` sums to 1 over the whole
    batch, each row's probabilities are about `1/n` of what they should be, and the
    cross-entropy and its gradient are wrong by a per-row offset.

    ## Example
    ```python
    P = np.exp(S) / np.sum(np.exp(S))          # S is (n, k)
    ```

    ## Use instead
    ```python
    E = np.exp(S - S.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    ```

    ## Fix safety
    No automatic fix: which axis holds the classes is the layout's choice.

    ## References
    - Mathematics for Machine Learning, ch. 5 (softmax and its Jacobian).
    - Boyd and Vandenberghe, Convex Optimization, §3.1.5. Exercises 03 and 04.
    """

    code = "N306"
    name = "softmax-wrong-axis"
    severity = "error"
    resources = ("mml: ch. 5", "boyd-cvx: §3.1.5")
    exercise = 4

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op not in _DIVIDE or len(ev.operands) < 2:
                continue
            quotient = ev.result
            exp = softmax_of(quotient) if quotient is not None else None
            if exp is None or not isinstance(exp, ArrayV):
                continue
            total = normaliser_sum(quotient.origin.inputs[1]) or quotient.origin.inputs[1]
            rank = exp.shape.rank
            if total.origin.param("axis") is not None or rank is None or rank < 2:
                continue
            message = (f"{source_text(facts, ev.node)}: the sum has no axis, so a batch of shape "
                       f"{facts.fmt(exp.shape)} is normalised as one distribution; sum over the class axis "
                       f"with keepdims=True")
            yield self.finding(facts.span(ev.node), message)
