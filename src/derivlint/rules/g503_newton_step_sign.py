"""G503: a Newton step that adds ``H^-1 g``, or applies the Hessian elementwise (``w - Hinv * g``)."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.gradients import Gradients
from derivlint.rules.hessians import NewtonStep, newton_step
from derivlint.rules.updates import Update, flip_fix, updates, written_back
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, Value

_ELEMENTWISE = {"operator.mul": "*", "numpy.multiply": "*", "operator.truediv": "/", "numpy.divide": "/"}


class NewtonStepSign(Rule):
    """## What it does
    Reports two mistakes in a Newton step on a weight vector `w`:

    - the step *adds* `H^{-1} g` (`w = w + np.linalg.solve(H, g)`, `w += inv(H) @ g`,
      or subtracts `solve(H, X.T @ (y - p))`), where `g` is provably the gradient of a
      loss (the proof G501 uses: `X.T @ (X @ w - y)`, `X.T @ (p - y)` with `p` the
      sigmoid of `X @ w`) and `H` is positive definite by construction on the same
      data matrix (`X.T @ X`, `X.T @ (s[:, None] * X)`, `X.T @ np.diag(s) @ X`,
      `(X.T * s) @ X` with `s = p * (1 - p)`, plus a ridge `lam * np.eye(d)`);
    - the step applies a `(d, d)` matrix elementwise to the `(d,)` gradient:
      `w - Hinv * g`, `w -= g / H`, `w = w - np.multiply(H_inv, g)`, proved from
      shapes (the update turns the weight vector into a matrix, or, in place, raises).

    IRLS / Fisher scoring on the log-likelihood, `w += solve(X.T @ S @ X, X.T @ (y - p))`,
    is correct (the log-likelihood's Hessian is `-X^T S X`) and is not reported, nor is
    `w -= solve(-X.T @ S @ X, X.T @ (y - p))`. When the sign of `H` or of `g` cannot be
    proven (a Hessian from an unknown function, `X.T @ X - lam * I`), no finding.

    ## Why is this bad?
    Newton's method minimises the local quadratic model
    `L(w + d) ~ L(w) + g.d + d.H d / 2`, whose minimiser is `d = -H^{-1} g`. With `H`
    positive definite, `+H^{-1} g` has `g.d = g.H^{-1} g > 0`: it climbs, and it jumps
    to the *maximiser* direction of the model, so the iterates run away.
    `Hinv * g` broadcasts instead of multiplying: `(Hinv * g)_{ij} = Hinv_{ij} g_j`,
    a `(d, d)` matrix, and `g / H` divides every entry; later products silently work
    on the wrong object (seen in real code).

    ## Example
    ```python
    H = X.T @ (S[:, None] * X)
    w = w + np.linalg.solve(H, X.T @ (p - y))
    w = w - np.linalg.inv(H) * g
    ```

    ## Use instead
    ```python
    w = w - np.linalg.solve(H, X.T @ (p - y))   # or w + solve(H, X.T @ (y - p))
    w = w - np.linalg.solve(H, g)               # or w - H_inv @ g
    ```

    ## Fix safety
    Both fixes are unsafe: they change what the program computes (that is the point).
    For the sign, the fix turns the update around (`+` to `-`); the author may
    prefer to change the sign of the gradient instead. For `M * g` the fix writes
    `M @ g`; no fix is offered for a division by `H`.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §9.5 (Newton's method).
    - Mathematics for Machine Learning, ch. 7. Exercise 06.
    """

    code = "G503"
    name = "newton-step-sign"
    severity = "error"
    resources = ("boyd-cvx: §9.5", "mml: ch. 7", "mit-1801-1802: Hessians")
    exercise = 6
    #: ``w -= g / H`` also fails in place ((d, d) into (d,)): one bug, one finding
    supersedes = ("S101",)

    def check(self, facts: Facts) -> Iterable[Finding]:
        proofs = Gradients(facts)
        reported: set[int] = set()
        for u in updates(facts):
            if id(u.node) in reported:
                continue
            finding = self._elementwise(facts, u) or self._sign(facts, proofs, u)
            if finding is not None:
                reported.add(id(u.node))
                yield finding

    def _elementwise(self, facts: Facts, u: Update) -> Finding | None:
        found = _matrix_times_vector(facts, u.weights, u.step)
        if found is None:
            return None
        matrix, op = found
        d = facts.fmt(u.weights.shape)  # type: ignore[attr-defined]
        message = (f"{source_text(facts, u.node)}: the step applies a {facts.fmt(matrix.shape)} matrix "
                   f"elementwise ({op}) to a {d} vector, so it is a matrix and the weights become one; "
                   f"a Newton step is a matrix-vector product (H^-1 @ g, or np.linalg.solve(H, g))")
        return self.finding(facts.span(u.node), message, fix=_product_fix(facts, u.step, op))

    def _sign(self, facts: Facts, proofs: Gradients, u: Update) -> Finding | None:
        step = newton_step(proofs, u.step, u.weights)
        if step is None or u.sign * step.sign < 0 or not written_back(facts, u):
            return None
        message = (f"{source_text(facts, u.node)}: this Newton step moves uphill on the {step.gradient.loss}: "
                   f"{_describe(facts, step)}, so {source_text(facts, u.target)} moves by +H^-1 dL/dw; "
                   f"Newton's step is w - H^-1 dL/dw")
        related = [Related(facts.span(n), text) for n, text in (
            (step.hessian.origin.node, "the Hessian is computed here"),
            (step.gradient.node, f"the gradient of the {step.gradient.loss} is computed here"),
        ) if n is not None and hasattr(n, "lineno")]
        return self.finding(facts.span(u.node), message, related, fix=flip_fix(facts, u))


def _describe(facts: Facts, step: NewtonStep) -> str:
    h = source_text(facts, step.hessian.origin.node) if step.hessian.origin.node is not None else "H"
    g = source_text(facts, step.gradient_value.origin.node) if step.gradient_value.origin.node is not None else "g"
    definite = "positive" if step.hessian_sign > 0 else "negative"
    gradient = "dL/dw" if step.gradient.sign > 0 else "-dL/dw"
    return f"H = {h} is {definite} semidefinite by construction and g = {g} is {gradient}"


def _matrix_times_vector(facts: Facts, w: Value, step: Value) -> tuple[ArrayV, str] | None:
    """(matrix, op) when ``step`` is ``M * v`` / ``v / M`` with M (d, d), v and w (d,)."""
    if not isinstance(w, ArrayV) or w.shape.rank != 1:
        return None
    op = _ELEMENTWISE.get(step.origin.func or "")
    if op is None or len(step.origin.inputs) != 2:
        return None
    arrays = [v for v in step.origin.inputs if isinstance(v, ArrayV)]
    matrix = next((v for v in arrays if v.shape.rank == 2), None)
    vector = next((v for v in arrays if v.shape.rank == 1), None)
    if matrix is None or vector is None:
        return None
    u = facts.unifier
    d = w.shape.dims[0]
    rows, cols = matrix.shape.dims
    if u.eq(rows, cols) is not True or u.eq(cols, d) is not True or u.eq(vector.shape.dims[0], d) is not True:
        return None
    return matrix, op


def _product_fix(facts: Facts, step: Value, op: str) -> Fix | None:
    node = step.origin.node
    if op != "*" or not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.Mult):
        return None
    left, right = node.left, node.right
    lv, rv = facts.values.get(left), facts.values.get(right)
    if not (isinstance(lv, ArrayV) and isinstance(rv, ArrayV)):
        return None
    matrix, vector = (left, right) if lv.shape.rank == 2 else (right, left)
    text = f"{source_text(facts, matrix)} @ {source_text(facts, vector)}"
    if "…" in text:
        return None
    return Fix(f"Use {text}", False, (Edit(facts.span(node), text),))
