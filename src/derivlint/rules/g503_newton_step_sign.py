"""G503: a Newton step with the Hessian applied elementwise (``w - Hinv * g``, ``g / H``)."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.values import ArrayV, Value

_UPDATE = frozenset({"-", "+"})
_ELEMENTWISE = {"operator.mul": "*", "numpy.multiply": "*", "operator.truediv": "/", "numpy.divide": "/"}


class NewtonStepSign(Rule):
    """## What it does
    Reports an update of a weight vector `w` of shape `(d,)` by a step that applies a
    `(d, d)` matrix elementwise: `w - Hinv * g`, `w -= g / H`, `w = w - np.multiply(H_inv, g)`.
    The engine proves it from shapes: the step is `(d, d)`, so the update turns the
    weight vector into a matrix (or, in place, raises). The other half of the rule
    in the catalogue, the sign of `H^{-1} g`, needs a proof of the objective and is
    not checked yet.

    ## Why is this bad?
    Newton's method steps by `-H^{-1} g`: a matrix-vector product. `Hinv * g`
    broadcasts instead: `(Hinv * g)_{ij} = Hinv_{ij} g_j`, a `(d, d)` matrix, and
    `g / H` divides every entry. `w - Hinv * g` is then a `(d, d)` array: later
    products silently work on the wrong object (seen in real code), or the
    in-place `w -= ...` fails at run time.

    ## Example
    ```python
    H_inv = np.linalg.inv(X.T @ (S[:, None] * X))
    w = w - H_inv * g
    ```

    ## Use instead
    ```python
    w = w - np.linalg.solve(H, g)        # or w - H_inv @ g
    ```

    ## Fix safety
    For `M * g` the fix writes `M @ g`. The result changes shape and value (that is
    the point), so the fix is unsafe. No fix is offered for a division by `H`.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §9.5 (Newton's method).
    - Mathematics for Machine Learning, ch. 7. Exercise 06.
    """

    code = "G503"
    name = "newton-step-sign"
    severity = "error"
    resources = ("boyd-cvx: §9.5", "mml: ch. 7")
    exercise = 6

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op not in _UPDATE or len(ev.operands) != 2 or not _is_update(ev.node):
                continue
            w, step = ev.operands[0].value, ev.operands[1].value
            found = _matrix_times_vector(facts, w, step)
            if found is None:
                continue
            matrix, _vector, op = found
            d = facts.fmt(w.shape)  # type: ignore[union-attr]
            message = (f"{source_text(facts, ev.node)}: the step applies a {facts.fmt(matrix.shape)} matrix "  # type: ignore[union-attr]
                       f"elementwise ({op}) to a {d} vector, so it is a matrix and the weights become one; "
                       f"a Newton step is a matrix-vector product (H^-1 @ g, or np.linalg.solve(H, g))")
            yield self.finding(facts.span(ev.node), message, fix=_fix(facts, ev, step, op))


def _is_update(node: ast.AST) -> bool:
    if isinstance(node, ast.AugAssign):
        return isinstance(node.op, (ast.Sub, ast.Add))
    return isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Sub, ast.Add)) and isinstance(node.left, ast.Name)


def _matrix_times_vector(facts: Facts, w: Value, step: Value) -> tuple[ArrayV, ArrayV, str] | None:
    """(matrix, vector, op) when ``step`` is ``M * v`` / ``v / M`` with M (d, d), v and w (d,)."""
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
    return matrix, vector, op


def _fix(facts: Facts, ev: OpEvent, step: Value, op: str) -> Fix | None:
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
