"""L206: the first eigenpair of ``eigh`` taken as the largest."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.symmetry import gram_or_covariance
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, Value

_EIGH = frozenset({"numpy.linalg.eigh", "numpy.linalg.eigvalsh", "scipy.linalg.eigh", "scipy.linalg.eigvalsh"})


class EighAscendingOrder(Rule):
    """## What it does
    Reports the leading eigenvectors or eigenvalues of `eigh` / `eigvalsh` taken from
    the front without re-sorting (`V[:, 0]`, `V[:, :k]`, `lam[:k]`) when the matrix is
    a covariance or Gram matrix (`np.cov(...)`, `X.T @ X`, `A @ A.T`), the PCA / top-k
    use where the largest are meant. Re-sorted results (`V[:, ::-1]`, `V[:, idx]`
    after `argsort`), the last entries (`V[:, -1]`), the single value `lam[0]`
    (often a positive-definiteness check) and other matrices (a graph Laplacian,
    a Hessian, whose smallest eigenpairs are often wanted) are left alone.

    ## Why is this bad?
    `eigh` returns eigenvalues in *ascending* order, `lambda_1 <= ... <= lambda_d`.
    The principal directions of a covariance are the eigenvectors of the *largest*
    eigenvalues, so `V[:, :k]` projects onto the `k` directions of least variance:
    the opposite of PCA, and nothing fails.

    ## Example
    ```python
    lam, V = np.linalg.eigh(np.cov(X.T))
    Z = Xc @ V[:, :2]
    ```

    ## Use instead
    ```python
    lam, V = np.linalg.eigh(np.cov(X.T))
    lam, V = lam[::-1], V[:, ::-1]      # largest first
    Z = Xc @ V[:, :2]
    ```

    ## Fix safety
    No automatic fix: where to re-sort is the user's choice.

    ## References
    - Strang, Introduction to Linear Algebra, ch. 7 (SVD and PCA).
    - MIT 18.06, lecture 29; Mathematics for Machine Learning, §10.2. Exercise 02.
    """

    code = "L206"
    name = "eigh-ascending-order"
    severity = "warning"
    resources = ("strang-ila: ch. 7", "mit-1806: lec. 29", "mml: §10.2")
    exercise = 2

    def check(self, facts: Facts) -> Iterable[Finding]:
        for node, value in facts.values.items():
            if not isinstance(node, ast.Subscript) or value.origin.func != "getitem" or value.origin.node is not node:
                continue
            base = value.origin.inputs[0] if value.origin.inputs else None
            if base is None or base.origin.func not in _EIGH or not base.origin.inputs:
                continue
            matrix = base.origin.inputs[0]
            if not gram_or_covariance(matrix) or not _takes_the_front(node.slice, base):
                continue
            message = (f"{source_text(facts, node)}: eigh returns eigenvalues in ascending order, so this takes "
                       f"the smallest of {source_text(facts, matrix.origin.node) if matrix.origin.node else 'the matrix'}; "
                       f"reverse first (lam[::-1], V[:, ::-1]) for the largest")
            yield self.finding(facts.span(node), message)


def _takes_the_front(index: ast.expr, base: Value) -> bool:
    """``[:, 0]`` / ``[:, :k]`` on eigenvectors, ``[:k]`` on eigenvalues."""
    rank = base.shape.rank if isinstance(base, ArrayV) else None
    if rank == 2 and isinstance(index, ast.Tuple) and len(index.elts) == 2:
        rows, cols = index.elts
        whole = isinstance(rows, ast.Slice) and rows.lower is None and rows.upper is None and rows.step is None
        return whole and (_is_zero(cols) or _front_slice(cols))
    if rank == 1:
        return _front_slice(index)
    return False


def _is_zero(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value == 0 and not isinstance(node.value, bool)


def _front_slice(node: ast.expr) -> bool:
    return (isinstance(node, ast.Slice) and node.step is None and node.upper is not None
            and (node.lower is None or _is_zero(node.lower)))
