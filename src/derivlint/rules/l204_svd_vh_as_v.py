"""L204: the third result of ``svd`` (``Vh``, already transposed) used as ``V``."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import Value

_SVD = frozenset({"numpy.linalg.svd", "scipy.linalg.svd"})
_PRODUCTS = frozenset({"@", "numpy.dot", "numpy.matmul"})


class SvdVhAsV(Rule):
    """## What it does
    Reports the third result of `np.linalg.svd` (`Vh`, which is already `V^T`) used
    as if it were `V`: transposed again in a reconstruction (`U @ np.diag(s) @ Vh.T`,
    `(U * s) @ Vh.T`) or its columns taken as right singular vectors (`Vh[:, 0]`).
    The result is recognised by where it came from, whatever it is called:
    `U, s, V = np.linalg.svd(A)` then `V[:, 0]` is reported too.

    ## Why is this bad?
    `A = U Sigma V^T`, and numpy returns `V^T` (rows are the right singular vectors),
    not `V`. `U @ diag(s) @ Vh.T` is `U Sigma V`, a different matrix that has the
    right shape whenever `A` is square or `full_matrices=False` makes `Vh` square;
    `Vh[:, 0]` is a column of `V^T`, not `v_1`. Nothing fails; the numbers are wrong.

    ## Example
    ```python
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    A_hat = U @ np.diag(s) @ Vt.T
    v1 = Vt[:, 0]
    ```

    ## Use instead
    ```python
    A_hat = U @ np.diag(s) @ Vt
    v1 = Vt[0]          # or V = Vt.T; V[:, 0]
    ```

    ## Fix safety
    No automatic fix: whether to drop the transpose or to index rows is the
    user's call.

    ## References
    - Strang, Introduction to Linear Algebra, ch. 7.1-7.2 (the SVD).
    - MIT 18.06, lecture 29; Mathematics for Machine Learning, §4.5. Exercise 02.
    """

    code = "L204"
    name = "svd-vh-as-v"
    severity = "error"
    resources = ("strang-ila: ch. 7.1-7.2", "mit-1806: lec. 29", "mml: §4.5")
    exercise = 2

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op not in _PRODUCTS or len(ev.operands) < 2:
                continue
            left, right = ev.operands[0].value, ev.operands[1].value
            vh = _transposed_vh(right)
            if vh is None or not _uses_output(left, vh.origin.node, 0):
                continue
            message = (f"{source_text(facts, ev.node)}: {source_text(facts, ev.operands[1].node)} transposes the "
                       f"third result of svd, which is already V^T: this rebuilds U Sigma V, not A = U Sigma V^T")
            yield self.finding(facts.span(ev.node), message)
        for node, value in facts.values.items():
            if isinstance(node, ast.Subscript) and value.origin.func == "getitem" and value.origin.node is node:
                base = value.origin.inputs[0] if value.origin.inputs else None
                if base is not None and _is_vh(base) and _column(node.slice):
                    message = (f"{source_text(facts, node)}: a column of the third result of svd, V^T; "
                               f"the right singular vectors are its rows ({source_text(facts, node.value)}[k])")
                    yield self.finding(facts.span(node), message)


def _is_vh(value: Value) -> bool:
    return value.origin.func in _SVD and value.origin.param("output") == 2


def _transposed_vh(value: Value) -> Value | None:
    origin = value.origin
    if origin.func == "numpy.transpose" and origin.inputs and _is_vh(origin.inputs[0]):
        return origin.inputs[0]
    return None


def _uses_output(value: Value, call: ast.AST | None, index: int, depth: int = 0) -> bool:
    """Whether ``value`` was computed from result ``index`` of the svd call ``call``."""
    origin = value.origin
    if origin.func in _SVD:
        return origin.node is call and origin.param("output") == index
    if depth > 4:
        return False
    return any(_uses_output(v, call, index, depth + 1) for v in origin.inputs)


def _column(index: ast.expr) -> bool:
    """``[:, k]``: every row, one column."""
    if not isinstance(index, ast.Tuple) or len(index.elts) != 2:
        return False
    rows, col = index.elts
    whole = isinstance(rows, ast.Slice) and rows.lower is None and rows.upper is None and rows.step is None
    return whole and not isinstance(col, ast.Slice)
