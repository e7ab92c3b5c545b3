"""L202: solving a linear system by forming the inverse, ``inv(A) @ b``."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.common import related, source_text
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.values import ArrayV

_INVERSES = frozenset({"numpy.linalg.inv"})
_PRODUCTS = frozenset({"@", "numpy.dot", "numpy.matmul"})


class ExplicitInverse(Rule):
    """## What it does
    Reports a product with an explicit inverse on the left, `inv(A) @ b`,
    `inv(A).dot(b)`, `np.dot(inv(A), b)` or `np.matmul(inv(A), B)`, where `A` is a
    matrix and `b` a vector or a matrix: the solution of `A x = b` computed by
    forming `A^{-1}` first. An inverse stored in a variable and reused is left
    alone: computing it once for many products can be a deliberate choice.

    ## Why is this bad?
    `x = A^{-1} b` is notation, not an algorithm. Forming the inverse costs about
    three times the work of one LU solve and loses accuracy: the error of
    `inv(A) @ b` grows with `cond(A)` faster than that of `solve(A, b)`, which
    is backward stable. In OLS, `inv(X.T @ X) @ X.T @ y` squares the condition
    number of `X` on top; `lstsq(X, y)` avoids both.

    ## Example
    ```python
    w = np.linalg.inv(X.T @ X) @ (X.T @ y)
    ```

    ## Use instead
    ```python
    w = np.linalg.solve(X.T @ X, X.T @ y)
    # or, from the data directly:
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    ```

    ## Fix safety
    The fix replaces the product by `solve(A, b)`, called through the same
    module as `inv` (`np.linalg.inv` becomes `np.linalg.solve`). It computes
    the same solution, more accurately, and raises `LinAlgError` for a
    singular `A` as `inv` does; so it is safe. It is offered only when `A` is
    a 2-D matrix and `inv` is reached through a module attribute, so that
    `solve` needs no new import.

    ## References
    - Strang, Introduction to Linear Algebra, ch. 2 (elimination, A = LU).
    - MIT 18.06, lectures 2-4.
    """

    code = "L202"
    name = "explicit-inverse"
    severity = "info"
    resources = ("strang-ila: ch. 2", "mit-1806: lec. 2-4")

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op not in _PRODUCTS or len(ev.operands) < 2:
                continue
            left, right = ev.operands[0], ev.operands[1]
            inverse = left.value
            if inverse.origin.func not in _INVERSES or not inverse.origin.inputs:
                continue
            if inverse.origin.node is not left.node:
                continue  # an inverse kept in a variable and reused for several products is a choice
            matrix = inverse.origin.inputs[0]
            if not _rank_in(matrix, (2,)) or not _rank_in(right.value, (1, 2)):
                continue
            message = (
                f"{source_text(facts, ev.node)}: solves a linear system by forming the inverse; "
                f"np.linalg.solve does it in one factorisation, faster and more accurately"
            )
            yield self.finding(facts.span(ev.node), message, related(facts, (left,)), _solve_fix(facts, ev, left.node, right.node))


def _rank_in(value: object, ranks: tuple[int, ...]) -> bool:
    return isinstance(value, ArrayV) and value.shape.rank in ranks


def _solve_fix(facts: Facts, ev: OpEvent, inv_node: ast.AST, rhs: ast.AST) -> Fix | None:
    """``<mod>.inv(A) @ b`` -> ``<mod>.solve(A, b)`` when ``inv`` is an attribute of a module."""
    call = inv_node
    if not isinstance(call, ast.Call) or len(call.args) != 1 or call.keywords:
        return None
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr != "inv":
        return None
    module = source_text(facts, func.value)
    a, b = _exact_text(facts, call.args[0]), _exact_text(facts, rhs)
    if module == "?" or a is None or b is None or "…" in module:
        return None
    return Fix(f"Use {module}.solve({a}, {b})", True, (Edit(facts.span(ev.node), f"{module}.solve({a}, {b})"),))


def _exact_text(facts: Facts, node: ast.AST) -> str | None:
    """The source of ``node`` exactly as written (None if it spans lines)."""
    span = facts.span(node)
    lines = facts.program.lines
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return None
    text = lines[span.line - 1][span.col : span.end_col]
    return f"({text})" if isinstance(node, ast.NamedExpr) else text
