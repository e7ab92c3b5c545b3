"""L208: ``eigh`` / ``eigvalsh`` on a matrix that is provably not symmetric."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Finding, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.factors import operand_nodes
from derivlint.rules.symmetry import symmetry
from derivlint.rules.written import written_arrays
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.values import Value

_EIGH = frozenset({"numpy.linalg.eigh", "numpy.linalg.eigvalsh", "scipy.linalg.eigh", "scipy.linalg.eigvalsh"})
_INVERSES = frozenset({"numpy.linalg.inv", "numpy.linalg.pinv"})
_SOLVES = frozenset({"numpy.linalg.solve", "scipy.linalg.solve"})
_PRODUCTS = frozenset({"operator.matmul", "numpy.dot", "numpy.matmul"})


class EighOnNonsymmetric(Rule):
    """## What it does
    Reports `np.linalg.eigh` / `eigvalsh` (and scipy's) on a matrix that is provably
    *not* symmetric by construction: a product `P @ Q` of two symmetric matrices that
    do not commute (`inv(S_W) @ S_B`, `np.linalg.solve(S_W, S_B)`, `np.cov(X1) @ np.cov(X2)`),
    a product with a random matrix (`A @ B` of two draws of `rng.normal`), a random
    draw itself, a literal with `a[i][j] != a[j][i]`, or a symmetric matrix plus one
    of these. Symmetric by construction and silent: `A.T @ A`, `np.cov(...)`,
    `(M + M.T) / 2`, congruences `L_inv @ S @ L_inv.T`, weighted Gram matrices
    `X.T @ np.diag(w) @ X` and `X.T @ (w[:, None] * X)`, and the generalized form
    `scipy.linalg.eigh(S_B, S_W)`. A matrix whose construction the engine cannot see
    (a parameter, something loaded) is unknown, and unknown is not non-symmetric:
    no finding.

    ## Why is this bad?
    `eigh` assumes `A = A^T` and reads only one triangle (the lower, by default): it
    returns the eigenpairs of `tril(A) + tril(A, -1)^T`, a different matrix, without
    any warning. For `inv(S_W) @ S_B` (Fisher's LDA) the product of two symmetric
    matrices is symmetric only when they commute, `(S_W^-1 S_B)^T = S_B S_W^-1`, so the
    directions found are wrong.

    ## Example
    ```python
    evals, W = np.linalg.eigh(np.linalg.inv(S_W) @ S_B)
    ```

    ## Use instead
    ```python
    evals, W = scipy.linalg.eigh(S_B, S_W)   # the generalized symmetric problem S_B w = lambda S_W w
    # or the general solver: evals, W = np.linalg.eig(np.linalg.solve(S_W, S_B))
    ```

    ## Fix safety
    No automatic fix: `eig` returns unsorted, possibly complex results, and the
    generalized form needs `S_W` positive definite; which to use is the user's call.

    ## References
    - Strang, Introduction to Linear Algebra, ch. 6.4 (symmetric matrices).
    - MIT 18.06, lecture 25; Mathematics for Machine Learning, §4.4 (eigendecomposition).
    """

    code = "L208"
    name = "eigh-on-nonsymmetric"
    severity = "error"
    resources = ("strang-ila: ch. 6.4", "mit-1806: lec. 25", "mml: §4.4")

    def check(self, facts: Facts) -> Iterable[Finding]:
        seen = set()
        written: frozenset[int] | None = None
        for ev in facts.events:
            if ev.op not in _EIGH or not ev.operands or ev.node in seen:
                continue
            matrix = ev.operands[0].value
            if written is None:
                written = written_arrays(facts)
            if symmetry(matrix, written) is not False:
                continue
            seen.add(ev.node)
            yield self._finding(facts, ev, matrix)

    def _finding(self, facts: Facts, ev: OpEvent, matrix: Value) -> Finding:
        name = ev.op.rsplit(".", 1)[1]
        text = source_text(facts, ev.operands[0].node)
        advice = "use np.linalg.eig"
        pair = _generalized(facts, matrix)
        if pair is not None:
            advice = f"solve the generalized problem scipy.linalg.eigh({pair[1]}, {pair[0]}), or use np.linalg.eig"
        message = (f"{source_text(facts, ev.node)}: {text} is not symmetric ({_reason(matrix)}); {name} reads only "
                   f"one triangle and returns the eigenpairs of another matrix: {advice}")
        related = []
        node = matrix.origin.node
        if node is not None and hasattr(node, "lineno") and node is not ev.operands[0].node:
            related.append(Related(facts.span(node), f"{source_text(facts, node)} is built here"))
        return self.finding(facts.span(ev.node), message, related)


def _generalized(facts: Facts, matrix: Value) -> tuple[str, str] | None:
    """``(P, Q)`` as written when the matrix is ``inv(P) @ Q`` or ``solve(P, Q)`` of symmetric matrices."""
    origin = matrix.origin
    nodes = operand_nodes(origin.node)
    if nodes is None or len(origin.inputs) != 2:
        return None
    p, q = origin.inputs
    p_node, q_node = nodes
    if origin.func in _PRODUCTS and p.origin.func in _INVERSES and p.origin.inputs:
        inner = _argument(p_node)
        if inner is None:
            return None
        p, p_node = p.origin.inputs[0], inner
    elif origin.func not in _SOLVES:
        return None
    if symmetry(p) is not True or symmetry(q) is not True:
        return None
    return source_text(facts, p_node), source_text(facts, q_node)


def _argument(node: ast.AST) -> ast.AST | None:
    """The one argument of ``inv(S)`` as written."""
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        return node.args[0]
    return None


def _reason(matrix: Value) -> str:
    """Why the matrix is not symmetric, in a few words."""
    origin = matrix.origin
    func = origin.func or ""
    if func in _PRODUCTS | _SOLVES and len(origin.inputs) == 2:
        p, q = origin.inputs
        if symmetry(p) and symmetry(q):
            return "a product of two symmetric matrices that do not commute"
        return "a product with a random matrix"
    if func.startswith(("numpy.random.", "rng.")):
        return "a random draw"
    if func in ("numpy.array", "numpy.asarray"):
        return "its entries a[i][j] and a[j][i] differ"
    if func in _INVERSES | {"numpy.transpose"} and origin.inputs:
        return _reason(origin.inputs[0])
    if func in ("operator.add", "numpy.add", "operator.sub", "numpy.subtract"):
        return "a symmetric matrix plus a non-symmetric one, or M - M.T"
    scaled = [v for v in origin.inputs if symmetry(v) is False]
    return _reason(scaled[0]) if scaled else "by construction"
