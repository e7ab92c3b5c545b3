"""N306: a softmax over a batch normalised over the whole array."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Finding, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import normaliser_sum, softmax_of, source_text
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, Value

_DIVIDE = frozenset({"/", "numpy.divide", "numpy.true_divide"})


class SoftmaxWrongAxis(Rule):
    """## What it does
    Reports a softmax of a batch, `exp(S) / sum(exp(S))` with `S` known to be 2-D
    (or more), whose sum has no `axis`: every score of every sample is normalised
    together, so each row no longer sums to 1. Both batch layouts exist in the
    wild (`(n, k)` with `axis=1`, the `(k, n)` course convention with `axis=0`),
    so a sum over one axis is reported only where the code itself proves that axis
    holds the samples: the probabilities are indexed `P[np.arange(n), y]` (or
    `P[range(n), y]`, also through `np.log(P)`), which puts the samples on axis 0
    and the classes on axis 1, yet the sum runs over axis 0. Otherwise only the sum
    over everything, which is wrong in both layouts.

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
            axis = total.origin.param("axis")
            if rank == 2 and isinstance(axis, int) and not isinstance(axis, bool):
                picked = _picked_by_sample(facts, quotient, axis % 2)
                if picked is not None:
                    message = (f"{source_text(facts, ev.node)}: the sum runs over axis {axis % 2}, which holds the "
                               f"samples ({source_text(facts, picked)} picks one entry per sample on it): each "
                               f"class is normalised over the batch; sum over the other axis, keepdims=True")
                    related = (Related(facts.span(picked), "the samples are on this axis here"),)
                    yield self.finding(facts.span(ev.node), message, related)
                continue
            if axis is not None or rank is None or rank < 2:
                continue
            message = (f"{source_text(facts, ev.node)}: the sum has no axis, so a batch of shape "
                       f"{facts.fmt(exp.shape)} is normalised as one distribution; sum over the class axis "
                       f"with keepdims=True")
            yield self.finding(facts.span(ev.node), message)


_COUNTERS = frozenset({"numpy.arange", "builtins.range"})
#: elementwise steps that keep the layout of the probabilities (``np.log(P + 1e-12)``)
_SAME_LAYOUT = frozenset({"numpy.log", "numpy.clip", "numpy.maximum", "operator.add", "operator.neg"})


def _picked_by_sample(facts: Facts, probs: Value, axis: int) -> ast.AST | None:
    """A subscript ``P[np.arange(n), y]`` of ``probs`` whose counter (one entry per sample) is on ``axis``."""
    for node, value in facts.values.items():
        if not isinstance(node, ast.Subscript) or value.origin.func != "getitem" or value.origin.node is not node:
            continue
        inputs = value.origin.inputs
        if len(inputs) != 3 or not _derived(inputs[0], probs):
            continue
        counters = [v.origin.func in _COUNTERS for v in inputs[1:]]
        if counters.count(True) == 1 and counters.index(True) == axis and _labels(inputs[2 - axis]):
            return node
    return None


def _derived(value: Value, probs: Value, depth: int = 0) -> bool:
    if value is probs:
        return True
    origin = value.origin
    return depth < 3 and origin.func in _SAME_LAYOUT and bool(origin.inputs) and _derived(origin.inputs[0], probs, depth + 1)


def _labels(value: Value) -> bool:
    """An integer vector of labels (or one whose dtype is not known), not a mask or a float array."""
    return isinstance(value, ArrayV) and value.shape.rank in (1, None) and value.dtype in ("int", None)
