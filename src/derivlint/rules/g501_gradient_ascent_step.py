"""G501: an update that moves uphill on the loss whose gradient it uses."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.gradients import Gradients, climbs_by_label_minus_prediction
from derivlint.rules.updates import flip_fix, updates, written_back
from derivlint.shapes.facts import Facts


class GradientAscentStep(Rule):
    """## What it does
    Reports an update of the weights `w` by a multiple of the gradient of a loss in
    the direction that *increases* the loss: `w += lr * g`, `w = w + lr * g`,
    `w -= -lr * g`, `w -= lr * (-g)`, a momentum buffer `v = mu * v - lr * g` then
    subtracted. `g` must provably be the gradient, from what the program computes:
    `X.T @ (X @ w - y)` for the squared error (any positive scaling, `np.dot(X.T, ...)`,
    `X.T.dot(...)`, `mean(r[:, None] * X, axis=0)`), `X.T @ (p - y)` with `p` the
    sigmoid or softmax of `X @ w` (cross-entropy), one sample's `(x_i @ w - y_i) * x_i`,
    samples as columns (`X @ (A - Y).T` with `A = sigmoid(w.T @ X + b)`; `(A - Y) @ X.T`
    for a weight matrix in `W @ X`), a bias's
    `sum(p - y)`, a ridge term `+ lam * w`, through variables, helper functions, dicts
    and `self.w`, with the `w` being updated inside the prediction and the same `X` on
    both sides. Names are never enough: `w += lr * grad` with `grad` a parameter or the
    result of an unknown function is not reported. A step size counts as positive
    unless the program shows its sign (`-lr`, `-0.1`); a number set differently on
    two paths has no known sign.

    Not reported: gradient *ascent* on the log-likelihood, `w += lr * X.T @ (y - p)`
    (that is descent on the loss); `w += -lr * g`; momentum and Adam-style updates
    with the right sign; a point `w + eps * g` that is not written back (a
    directional-derivative check). `w -= lr * X.T @ (y - p)` for a cross-entropy is
    G502's.

    ## Why is this bad?
    To first order `L(w + t d) = L(w) + t ∇L(w)·d`. With `d = +lr ∇L` the change is
    `lr |∇L|^2 > 0`: every step increases the loss it is meant to minimise, and the
    iterates diverge instead of converging. Descent is `w - lr ∇L`.

    ## Example
    ```python
    for _ in range(100):
        g = X.T @ (X @ w - y) / n
        w += lr * g
    ```

    ## Use instead
    ```python
    for _ in range(100):
        g = X.T @ (X @ w - y) / n
        w -= lr * g
    ```

    ## Fix safety
    The fix turns the update around (`+=` to `-=`, `w + step` to `w - step`). It is
    unsafe: it changes every iterate the program computes, and the author may prefer
    to fix the sign elsewhere (the residual `y - X @ w`, or a factor `-lr`).

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §9.3 (gradient descent).
    - Mathematics for Machine Learning, ch. 7 (optimisation). Exercise 06.
    """

    code = "G501"
    name = "gradient-ascent-step"
    severity = "error"
    resources = ("boyd-cvx: §9.3", "mml: ch. 7", "mit-1801-1802: gradients")
    exercise = 6

    def check(self, facts: Facts) -> Iterable[Finding]:
        proofs = Gradients(facts)
        reported: set[int] = set()
        for u in updates(facts):
            if id(u.node) in reported:
                continue
            g = proofs.gradient(u.step, u.weights)
            if g is None or u.sign * g.sign < 0 or climbs_by_label_minus_prediction(u.sign, g):
                continue
            if not written_back(facts, u):
                continue
            reported.add(id(u.node))
            where = source_text(facts, g.node) if g.node is not None else "the gradient"
            multiple = "positive" if g.sign > 0 else "negative"
            verb = "added" if u.sign > 0 else "subtracted"
            message = (f"{source_text(facts, u.node)}: the step is a {multiple} multiple of the {g.loss} "
                       f"gradient {where} and is {verb}, so {source_text(facts, u.target)} moves uphill and the "
                       f"loss grows at every step (descent is w - lr * gradient)")
            related = []
            if g.node is not None and hasattr(g.node, "lineno"):
                related.append(Related(facts.span(g.node), f"the gradient of the {g.loss} is computed here"))
            yield self.finding(facts.span(u.node), message, related, fix=flip_fix(facts, u))
