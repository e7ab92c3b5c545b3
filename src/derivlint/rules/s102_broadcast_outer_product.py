"""S102: an elementwise op that silently builds an (n, n) outer product."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.common import ELEMENTWISE_OPS, describe, related, source_text
from derivlint.shapes.facts import Facts, Operand
from derivlint.shapes.shape import ONE
from derivlint.shapes.values import ArrayV

COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})


def _own_transpose(column: object, row: object) -> bool:
    """``row`` is ``column.T``: the pairwise-distance idiom ``sq + sq.T - 2 * X @ X.T``."""
    origin = getattr(row, "origin", None)
    return origin is not None and origin.func == "numpy.transpose" and bool(origin.inputs) and origin.inputs[0] is column


def _explicit_expansion(node: ast.AST) -> bool:
    """``y[:, None]``, ``y[np.newaxis]``, ``y.reshape(-1, 1)``, ``np.expand_dims``: meant to broadcast."""
    if isinstance(node, ast.Subscript):
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return any(
            (isinstance(p, ast.Constant) and p.value is None)
            or (isinstance(p, ast.Attribute) and p.attr == "newaxis")
            for p in parts
        )
    if isinstance(node, ast.Call):
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        return name in ("reshape", "expand_dims", "atleast_2d", "outer", "column_stack")
    return False


class BroadcastOuterProduct(Rule):
    """## What it does
    Reports an elementwise operation between a vector of shape `(n,)` and a
    column of shape `(n, 1)` (or a row `(1, n)` and a column `(n, 1)`), which
    numpy silently broadcasts into an `(n, n)` matrix.

    ## Why is this bad?
    Broadcasting aligns shapes from the right: `(n,)` is read as `(1, n)`, so
    `(n, 1) - (1, n)` is the matrix of all pairwise differences
    `r[i, j] = y[i] - p[j]`, not the residual vector `y - p`. The classic case
    is `y - X @ w` with `y` loaded as a column: the "loss" then sums `n^2`
    terms and the gradient is silently wrong, with no error raised.

    ## Example
    ```python
    y = data[:, -1:]          # (n, 1)
    residual = y - X @ w      # (n, 1) - (n,) -> (n, n)
    ```

    ## Use instead
    ```python
    y = data[:, -1]           # (n,)
    residual = y - X @ w      # (n,)
    ```

    ## Fix safety
    The fix flattens the column operand with `.ravel()`. It changes the
    result's shape from `(n, n)` to `(n,)`, so it is marked unsafe.

    ## References
    - numpy's broadcasting rules; 3Blue1Brown, Essence of Linear Algebra.
    - Mathematics for Machine Learning, ch. 2 and ch. 9 (linear regression).
    """

    code = "S102"
    name = "broadcast-outer-product"
    severity = "warning"
    resources = ("3b1b-la", "mit-1806", "mml: ch. 2, ch. 9")

    def check(self, facts: Facts) -> Iterable[Finding]:
        u = facts.unifier
        for ev in facts.events:
            if (ev.op not in ELEMENTWISE_OPS and ev.op not in COMPARISONS) or len(ev.operands) != 2:
                continue
            a, b = ev.operands
            if not isinstance(a.value, ArrayV) or not isinstance(b.value, ArrayV):
                continue
            col = _outer_pair(u, a, b) or _outer_pair(u, b, a)
            if col is None:
                continue
            column, other = col
            if _explicit_expansion(column.node) or _explicit_expansion(other.node):
                continue
            if _own_transpose(column.value, other.value):
                continue  # sq + sq.T: a column plus its own transpose is the pairwise table meant
            n = facts.fmt(column.value.shape)  # type: ignore[union-attr]
            message = (
                f"{source_text(facts, ev.node)}: {facts.fmt(a.value.shape)} and {facts.fmt(b.value.shape)} "
                f"broadcast to an outer product; {describe(facts, a)}, {describe(facts, b)}"
            )
            fix = None
            if isinstance(column.node, (ast.Name, ast.Attribute)):
                span = facts.span(column.node)
                text = source_text(facts, column.node)
                fix = Fix(f"Flatten {text} {n} to a vector with .ravel()", False, (Edit(span, f"{text}.ravel()"),))
            yield self.finding(facts.span(ev.node), message, related(facts, ev.operands), fix)


def _outer_pair(u, column: Operand, other: Operand) -> tuple[Operand, Operand] | None:
    cs, os_ = column.value.shape, other.value.shape  # type: ignore[union-attr]
    if cs.rank != 2 or u.resolve(cs.dims[1]) != ONE or u.resolve(cs.dims[0]) == ONE:
        return None
    n = cs.dims[0]
    if os_.rank == 1:
        m = os_.dims[0]
    elif os_.rank == 2 and u.resolve(os_.dims[0]) == ONE:
        m = os_.dims[1]
    else:
        return None
    if u.eq(n, m) is not True:
        return None  # a genuine outer product of different sizes is usually meant
    return column, other
