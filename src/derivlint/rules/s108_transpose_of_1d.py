"""S108: ``.T`` on a 1-D array, used as if it made a column or a row."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, ScalarV, Value

_TRANSPOSES = ("attr.T", "numpy.transpose")
_PRODUCTS = ("@", "numpy.matmul", "numpy.dot", "numpy.inner")
_COMBINE = (ast.Add, ast.Sub, ast.Mult, ast.Div)
#: a scalar added to or subtracted from every entry of a matrix: there an outer product was meant
_MATRIX_PLUS_SCALAR = (ast.Add, ast.Sub)


class TransposeOf1d(Rule):
    """## What it does
    Reports `.T` (or `np.transpose`) on an array the engine knows is 1-D when
    the product it feeds is used as a matrix: `x.T @ x` added to a `(d, d)`
    accumulator, `np.eye(d) - v.T @ v / (v @ v)`: a scalar added to or subtracted
    from a matrix. Scalars meant as scalars (`r.T @ r`, `w.T @ x + b`, `v.T @ A @ v`)
    and a matrix scaled or normalised by one (`np.outer(v, v) / (v.T @ v)`, the
    projection `a a^T / a^T a`; `(v.T @ v) * np.eye(n)`; `H *= v.T @ v`) are left alone.

    ## Why is this bad?
    A numpy vector of shape `(d,)` is neither a row nor a column: `.T` returns
    it unchanged. On paper `x x^T` is the `(d, d)` outer product; in numpy
    `x.T @ x` is the inner product, a scalar, which then broadcasts over the
    matrix it meets: a Hessian `sum_i s_i x_i x_i^T` becomes `sum_i s_i |x_i|^2`
    added to every entry.

    ## Example
    ```python
    H = np.zeros((d, d))
    for x_i, s_i in zip(X, s):
        H += s_i * (x_i.T @ x_i)
    ```

    ## Use instead
    ```python
        H += s_i * np.outer(x_i, x_i)      # or x_i[:, None] @ x_i[None, :]
    ```

    ## Fix safety
    The fix rewrites the product to `np.outer(a, b)`. It changes a scalar into
    a matrix, so it is marked unsafe.

    ## References
    - MIT 18.06, lec. 15-16 (projections, `a a^T / a^T a`); Strang, ch. 4.
    - Mathematics for Machine Learning, ch. 3.8 (orthogonal projections).
    """

    code = "S108"
    name = "transpose-of-1d"
    severity = "error"
    resources = ("mit-1806: lec. 15 projections onto subspaces", "strang-ila: ch. 4", "mml: ch. 3.8")

    def check(self, facts: Facts) -> Iterable[Finding]:
        transposed = {
            id(ev.node): ev for ev in facts.events
            if ev.op in _TRANSPOSES and ev.operands and _rank(ev.operands[0].value) == 1
        }
        if not transposed:
            return
        candidates = []
        for ev in facts.events:
            if ev.op not in _PRODUCTS or len(ev.operands) < 2 or not isinstance(ev.result, ScalarV):
                continue
            ops = ev.operands[:2]
            if not any(id(o.node) in transposed for o in ops) or any(_rank(o.value) != 1 for o in ops):
                continue
            candidates.append((ev, ops))
        if not candidates:
            return
        parents = _parents(facts.program.statements_at({ev.node.lineno for ev, _ in candidates}))  # type: ignore[attr-defined]
        for ev, ops in candidates:
            meets = _meets_matrix(facts, ev.node, parents)
            if meets is None:
                continue
            a, b = (source_text(facts, _untransposed(o.node)) for o in ops)
            message = (
                f"{source_text(facts, ev.node)}: .T on a 1-D array does nothing, so this is the scalar "
                f"{a}·{b}, not an outer product; it then meets {meets}"
            )
            fix = Fix(f"Use np.outer({a}, {b})", False, (Edit(facts.span(ev.node), f"np.outer({a}, {b})"),))
            yield self.finding(facts.span(ev.node), message, fix=fix)


def _rank(v: Value) -> int | None:
    return v.shape.rank if isinstance(v, ArrayV) else 0 if isinstance(v, ScalarV) else None


def _untransposed(node: ast.AST) -> ast.AST:
    if isinstance(node, ast.Attribute) and node.attr == "T":
        return node.value
    if isinstance(node, ast.Call) and node.args and getattr(node.func, "attr", getattr(node.func, "id", "")) == "transpose":
        return node.args[0]
    return node


def _parents(statements: list[ast.stmt]) -> dict[int, ast.AST]:
    """Each node's parent, in ``statements``."""
    out: dict[int, ast.AST] = {}
    for stmt in statements:
        for node in ast.walk(stmt):
            for child in ast.iter_child_nodes(node):
                out[id(child)] = node
    return out


def _meets_matrix(facts: Facts, node: ast.AST, parents: dict[int, ast.AST]) -> str | None:
    """Walk up through arithmetic: does the scalar end up combined with a 2-D array?"""
    current = node
    for _ in range(8):
        parent = parents.get(id(current))
        if parent is None:
            return None
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, _COMBINE):
            other = parent.right if parent.left is current else parent.left
            value = facts.values.get(other)
            if value is not None and (_rank(value) or 0) >= 2:
                if not isinstance(parent.op, _MATRIX_PLUS_SCALAR):
                    # a matrix scaled or normalised by it: np.outer(v, v) / (v.T @ v) (the projection
                    # a a^T / a^T a), (v.T @ v) * np.eye(n); the scalar is the one meant
                    return None
                return f"{source_text(facts, other)} {facts.fmt(value.shape)}"  # type: ignore[union-attr]
            current = parent
            continue
        if isinstance(parent, ast.AugAssign) and parent.value is current:
            if not isinstance(parent.op, _MATRIX_PLUS_SCALAR):
                return None  # H *= v.T @ v scales the matrix
            value = facts.values.get(parent.target)
            if value is not None and (_rank(value) or 0) >= 2:
                return f"the accumulator {source_text(facts, parent.target)} {facts.fmt(value.shape)}"  # type: ignore[union-attr]
            return None
        return None
    return None
