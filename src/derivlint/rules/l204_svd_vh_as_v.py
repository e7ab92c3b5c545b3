"""L204: the third result of ``svd`` (``Vh``, already transposed) used as ``V``."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Finding, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.svd_chains import CONJUGATES, Factor, chain, is_output, uses_output
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, Value

_PRODUCTS = frozenset({"@", "numpy.dot", "numpy.matmul"})
#: the operations a product chain of svd factors is built from
_CHAIN_OPS = frozenset({"@", "numpy.dot", "numpy.matmul", "*", "/", "numpy.multiply", "numpy.divide"})


class SvdVhAsV(Rule):
    """## What it does
    Reports the third result of `np.linalg.svd` (`Vh`, which is already `V^T`) used
    as if it were `V`: transposed again in a reconstruction (`U @ np.diag(s) @ Vh.T`,
    `(U * s) @ Vh.T`, `np.dot(U, np.dot(np.diag(s), Vh.T))`), its columns taken as right
    singular vectors (`Vh[:, 0]`, `X @ Vh[:, :k]`; not in a batched svd, where `Vh[:, 0]`
    is the first row of each), or
    left untransposed where `V` belongs in `V diag(.) U^T`: the pseudo-inverse
    `Vh @ np.diag(1 / s) @ U.T`, `(Vh / s) @ U.T`, `A^T` as `Vh @ np.diag(s) @ U.T`,
    the truncated `Vh[:k] @ np.diag(1 / s[:k]) @ U[:, :k].T`. The results are
    recognised by where they came from, whatever they are called:
    `U, s, V = np.linalg.svd(A)` then `V[:, 0]` is reported too, and a product is read
    as a chain of factors (through variables, `dot`, transposes and the scaling
    `M * s`), so only the factors of one svd call in an order that needs `V` count.
    A chain whose shapes fail with `V` as well (`U` from `full_matrices=True` of a
    non-square matrix) is left to S101.

    ## Why is this bad?
    `A = U Sigma V^T`, and numpy returns `V^T` (rows are the right singular vectors),
    not `V`. `U @ diag(s) @ Vh.T` is `U Sigma V`, a different matrix that has the
    right shape whenever `A` is square or `full_matrices=False` makes `Vh` square;
    `Vh[:, 0]` is a column of `V^T`, not `v_1`; and `A^+ = V Sigma^-1 U^T`, so
    `Vh @ diag(1 / s) @ U.T` is `V^T Sigma^-1 U^T`, which is not `A^+` (for a tall `A`
    its shape is right). Nothing fails; the numbers are wrong.

    ## Example
    ```python
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    A_hat = U @ np.diag(s) @ Vt.T
    v1 = Vt[:, 0]
    A_pinv = Vt @ np.diag(1 / s) @ U.T
    ```

    ## Use instead
    ```python
    A_hat = U @ np.diag(s) @ Vt
    v1 = Vt[0]          # or V = Vt.T; V[:, 0]
    A_pinv = Vt.T @ np.diag(1 / s) @ U.T
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
    #: ``Vh @ diag(1 / s) @ U.T`` of a wide matrix fails at ``Vh @ diag``: that S101 is this bug
    supersedes = ("S101",)

    def check(self, facts: Facts) -> Iterable[Finding]:
        seen: set = set()
        for ev in facts.events:
            if ev.op not in _PRODUCTS or len(ev.operands) < 2:
                continue
            left, right = ev.operands[0].value, ev.operands[1].value
            vh = _transposed_vh(right)
            if vh is None or not uses_output(left, vh.origin.node, 0):
                continue
            message = (f"{source_text(facts, ev.node)}: {source_text(facts, ev.operands[1].node)} transposes the "
                       f"third result of svd, which is already V^T: this rebuilds U Sigma V, not A = U Sigma V^T")
            seen.add(facts.span(ev.node))
            yield self.finding(facts.span(ev.node), message)
        yield from self._vh_for_v(facts, seen)
        for node, value in facts.values.items():
            if isinstance(node, ast.Subscript) and value.origin.func == "getitem" and value.origin.node is node:
                base = value.origin.inputs[0] if value.origin.inputs else None
                if base is not None and _is_vh(base) and _rank(base) in (2, None) and _column(node.slice):
                    message = (f"{source_text(facts, node)}: a column of the third result of svd, V^T; "
                               f"the right singular vectors are its rows ({source_text(facts, node.value)}[k])")
                    yield self.finding(facts.span(node), message)

    def _vh_for_v(self, facts: Facts, seen: set) -> Iterable[Finding]:
        """``Vh @ diag(.) @ U.T``: factors of one svd in the order of ``V diag(.) U^T``, with ``Vh`` for ``V``."""
        for ev in facts.events:
            if ev.op not in _CHAIN_OPS or not isinstance(ev.result, ArrayV):
                continue
            factors, joins = chain(ev.result)
            for i in range(len(factors) - 2):
                vh, d, ut = factors[i : i + 3]
                if _u_sigma_vht(vh, d, ut):
                    yield from self._transposed_again(facts, ev, joins[i + 1], ut, seen)
                    continue
                junction = joins[i]
                if not _v_sigma_ut(vh, d, ut) or junction is None or not _fits_as_v(facts, vh, d, ut):
                    continue
                span = facts.span(junction)
                if span in seen:
                    continue
                seen.add(span)
                name = _written(facts, junction, vh.value) or "the third result of svd"
                message = (f"{source_text(facts, ev.node)}: {name} holds V^T (the third result of svd) where V "
                           f"belongs: V diag(.) U^T (the pseudo-inverse V Sigma^-1 U^T, or A^T = V Sigma U^T) "
                           f"needs {name}.T there")
                related = [Related(facts.span(vh.call), "svd returns V^T (rows: the right singular vectors) here")] \
                    if vh.call is not None and hasattr(vh.call, "lineno") else []
                yield self.finding(span, message, related)


    def _transposed_again(self, facts: Facts, ev, junction: ast.AST | None, vh: Factor, seen: set) -> Iterable[Finding]:
        """``U diag(s) Vh^T`` however nested (``np.dot(U, np.dot(np.diag(s), Vh.T))``), at the product
        that puts ``Vh^T`` beside the diagonal."""
        if junction is None or not hasattr(junction, "lineno") or facts.span(junction) in seen:
            return
        seen.add(facts.span(junction))
        name = _written(facts, junction, vh.value) or "the third result of svd"
        message = (f"{source_text(facts, junction)}: {name} is the third result of svd, already V^T; transposing it "
                   f"again rebuilds U Sigma V, not A = U Sigma V^T")
        yield self.finding(facts.span(junction), message)


def _u_sigma_vht(u: Factor, d: Factor, vh: Factor) -> bool:
    """``U``, a diagonal of its singular values, then ``Vh`` transposed, all from one svd call."""
    return (u.role == "U" and not u.transposed and d.role == "S" and vh.role == "Vh" and vh.transposed
            and u.call is d.call is vh.call and u.call is not None)


def _rank(value: Value) -> int | None:
    return value.shape.rank if isinstance(value, ArrayV) else None


def _v_sigma_ut(vh: Factor, d: Factor, ut: Factor) -> bool:
    """``Vh``, then a diagonal of its singular values, then ``U^T``, all from one svd call."""
    return (vh.role == "Vh" and not vh.transposed and d.role == "S" and ut.role == "U" and ut.transposed
            and vh.call is d.call is ut.call and vh.call is not None)


def _fits_as_v(facts: Facts, vh: Factor, d: Factor, ut: Factor) -> bool:
    """Whether ``V diag(.) U^T`` has matching shapes: if not (``U`` from ``full_matrices=True`` of a
    non-square matrix), the chain is wrong whichever factor is meant, and S101 reports it."""
    u = facts.unifier
    rows = _dim(vh.value, 0)
    size = _dim(d.value, 0)
    cols = _dim(ut.value, 1)
    return all(u.eq(a, b) is not False for a, b in ((rows, size), (size, cols)) if a is not None and b is not None)


def _dim(value: Value, axis: int) -> object | None:
    if isinstance(value, ArrayV) and not value.shape.variadic and len(value.shape.dims) > axis:
        return value.shape.dims[axis]
    return None


def _written(facts: Facts, node: ast.AST, value: Value) -> str | None:
    """How the code writes ``value`` inside ``node`` (``Vt``, ``Vt[:k]``)."""
    for n in ast.walk(node):
        if isinstance(n, (ast.Name, ast.Subscript, ast.Attribute)) and facts.values.get(n) is value:
            return source_text(facts, n)
    return None


def _is_vh(value: Value) -> bool:
    return is_output(value, 2)


def _transposed_vh(value: Value) -> Value | None:
    origin = value.origin
    if origin.func != "numpy.transpose" or not origin.inputs:
        return None
    inner = origin.inputs[0]
    if inner.origin.func in CONJUGATES and inner.origin.inputs:  # Vh.conj().T, the Hermitian transpose
        inner = inner.origin.inputs[0]
    return inner if _is_vh(inner) else None


def _column(index: ast.expr) -> bool:
    """``[:, k]`` or ``[:, :k]``: every row, one column or a range of them (not ``[:, :]``, ``[:, ::-1]``)."""
    if not isinstance(index, ast.Tuple) or len(index.elts) != 2:
        return False
    rows, col = index.elts
    whole = isinstance(rows, ast.Slice) and rows.lower is None and rows.upper is None and rows.step is None
    if isinstance(col, ast.Slice):
        return whole and col.step is None and (col.lower is not None or col.upper is not None)
    return whole
