"""G502: the cross-entropy gradient written ``y - p`` and then subtracted in a descent step."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.gradients import Gradients, climbs_by_label_minus_prediction
from derivlint.rules.updates import updates
from derivlint.shapes.facts import Facts


class SoftmaxCeGradientSign(Rule):
    """## What it does
    Reports a descent step `w -= lr * X.T @ (y - p)` (or `w = w - ...`) where `p` is
    the sigmoid or softmax of a score computed from `w` itself: the residual is
    label minus prediction, so the step climbs the cross-entropy. The sign is read
    from the program (the gradient proof G501 and G503 share, `rules/gradients.py`):
    `p` must provably be `sigmoid(...)` / `softmax(...)` of `X @ w` with the `w` being
    updated, the gradient `X.T @ (y - p)` (or `mean((y - p)[:, None] * X, axis=0)`)
    must use the same `X`, and every other factor of the step must be positive
    (`-lr * X.T @ (y - p)` is descent). `w += lr * X.T @ (y - p)`, gradient *ascent*
    on the log-likelihood, is correct and is not reported; neither is
    `w -= lr * X.T @ (p - y)`. The finding is at the `y - p`, with the descent step
    that subtracts it as related information.

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
        proofs = Gradients(facts)
        reported: set[int] = set()
        for u in updates(facts):  # written back or not: y - p subtracted is never a probe
            if u.sign > 0 or id(u.node) in reported:
                continue
            g = proofs.gradient(u.step, u.weights)
            if g is None or not climbs_by_label_minus_prediction(u.sign, g):
                continue
            reported.add(id(u.node))
            residual = source_text(facts, g.residual.origin.node) if g.residual.origin.node is not None else "y - p"
            message = (f"{source_text(facts, u.node)}: {residual} is minus the "
                       f"cross-entropy gradient (that is p - y), so subtracting it climbs the loss")
            # reported at the y - p (rules.md: what is wrong); the descent step is related
            at = g.residual.origin.node
            if at is None or not hasattr(at, "lineno"):
                yield self.finding(facts.span(u.node), message)
                continue
            related = [Related(facts.span(u.node), f"subtracted in this descent step: {source_text(facts, u.node)}")]
            yield self.finding(facts.span(at), message, related)
