"""N303: ``log`` applied directly to a softmax."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import softmax_of, source_text
from derivlint.shapes.facts import Facts

_SOFTMAXES = frozenset({"scipy.special.softmax"})


class LogOfSoftmax(Rule):
    """## What it does
    Reports `log` applied to a softmax in the same expression: `np.log(softmax(x))`
    where `softmax` is any function computing `exp(x) / sum(exp(x))` (a helper,
    `scipy.special.softmax`), or `np.log` of the inline `exp / sum` expression. The
    log of a *variable* holding probabilities from a softmax, as in the CS231n idiom
    `-np.log(probs[range(N), y])`, is not reported.

    ## Why is this bad?
    `log softmax(x)_i = x_i - log sum_j e^{x_j}`. Taking `log` of the probabilities
    first throws that away: a probability below `1e-308` rounds to `0`, and its
    log is `-inf`, so one confident wrong prediction makes the loss `inf` and its
    gradient `nan`, where the log-softmax is an ordinary negative number.

    ## Example
    ```python
    log_p = np.log(softmax(logits))
    ```

    ## Use instead
    ```python
    from scipy.special import logsumexp, log_softmax
    log_p = logits - logsumexp(logits, axis=1, keepdims=True)
    # or log_p = log_softmax(logits, axis=1)
    ```

    ## Fix safety
    No automatic fix: the log-softmax needs `logsumexp` (an import) and the axis
    the softmax normalised, and the rest of the loss usually changes with it.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §3.1.5 (log-sum-exp).
    - Mathematics for Machine Learning, ch. 5. Exercise 04.
    """

    code = "N303"
    name = "log-of-softmax"
    severity = "info"
    resources = ("boyd-cvx: §3.1.5 log-sum-exp", "mml: ch. 5")
    exercise = 4

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op != "numpy.log" or not ev.operands:
                continue
            arg = ev.operands[0]
            if not isinstance(arg.node, (ast.Call, ast.BinOp)):
                continue  # probabilities held in a variable (or picked from one): left alone
            value = arg.value
            if value.origin.func not in _SOFTMAXES and softmax_of(value) is None:
                continue
            message = (f"{source_text(facts, ev.node)}: log of a softmax is -inf once a probability "
                       f"rounds to 0; compute the log-softmax, x - logsumexp(x)")
            yield self.finding(facts.span(ev.node), message)
