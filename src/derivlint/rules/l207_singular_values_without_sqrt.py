"""L207: eigenvalues of ``A.T @ A`` used as the singular values of ``A``, without a square root."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from derivlint.findings import Finding, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.factors import PRODUCTS, factor, is_transpose
from derivlint.rules.symmetry import gram_base, same
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import ArrayV, ScalarV, Value

_EIG_PAIRS = frozenset({"numpy.linalg.eig", "numpy.linalg.eigh", "scipy.linalg.eig", "scipy.linalg.eigh"})
_EIG_VALUES = frozenset({
    "numpy.linalg.eigvals", "numpy.linalg.eigvalsh", "scipy.linalg.eigvals", "scipy.linalg.eigvalsh",
})
_SVD = frozenset({"numpy.linalg.svd", "scipy.linalg.svd"})
#: what keeps eigenvalues eigenvalues: reordering, selecting, clamping at 0, the real part
_KEEPS = frozenset({
    "getitem", "numpy.sort", "builtins.sorted", "numpy.flip", "numpy.real", "numpy.abs", "numpy.absolute",
    "numpy.clip", "numpy.maximum", "numpy.copy", "numpy.asarray", "numpy.array", "numpy.astype",
})
_DIVIDES = frozenset({"operator.truediv", "numpy.divide", "numpy.true_divide"})
_SCALES = frozenset({"operator.mul", "numpy.multiply"})
#: comparisons of two arrays (a difference counts: ``np.abs(ev - s).max()``)
_COMPARES = frozenset({
    "numpy.allclose", "numpy.isclose", "numpy.array_equal", "numpy.testing.assert_allclose",
    "numpy.testing.assert_array_almost_equal", "numpy.testing.assert_almost_equal",
    "numpy.testing.assert_array_equal", "operator.sub", "numpy.subtract", "operator.eq",
})
_MAX_DEPTH = 6


@dataclass(frozen=True)
class GramEigenvalues:
    call: Value  # the eig / eigh / eigvals / eigvalsh result
    a: Value  # the matrix whose Gram was decomposed


class SingularValuesWithoutSqrt(Rule):
    """## What it does
    Reports eigenvalues of a Gram matrix `A.T @ A` (or `A @ A.T`) used as the
    singular values of `A` without a square root. The eigenvalues are recognised by
    origin (`eig`, `eigh`, `eigvals`, `eigvalsh`, numpy's or scipy's, under any
    import), through variables, sorting (`[::-1]`, `argsort`, `np.sort`), selection,
    clamping (`np.maximum(ev, 0)`, `np.clip`) and the real part. "Used as singular
    values" needs one of three pieces of evidence:
    - dividing `A @ V` by them, the step that makes `U` (`U = A @ V / ev`);
    - `np.diag(ev)` (or `U * ev`) between two factors of a reconstruction of `A`
      that are not one eigenvector matrix and its transpose (`U @ np.diag(ev) @ V.T`
      with `U` from `svd(A)`, from `A @ V` or from the eigenvectors of the other
      Gram matrix); `V @ np.diag(ev) @ V.T` rebuilds `A.T @ A` and is correct;
    - comparing them with the singular values of `np.linalg.svd(A)`
      (`np.allclose(ev, s)`, `ev - s`).
    Square roots (`np.sqrt(ev)`, `ev ** 0.5`), eigenvalues of other matrices and
    eigenvalues used as variances (`ev / ev.sum()`, the explained variance of a
    PCA) are left alone.

    ## Why is this bad?
    `A = U Sigma V^T` gives `A^T A = V Sigma^2 V^T`: the eigenvalues of `A^T A` are
    `lambda_i = sigma_i^2`, so `sigma_i = sqrt(lambda_i)`. Using `lambda_i` squares
    every singular value: the reconstruction is off, `u_i = A v_i / lambda_i` is not
    a unit vector, and the comparison with `np.linalg.svd` fails (or, for values
    near 1, passes by luck).

    ## Example
    ```python
    ev, V = np.linalg.eigh(A.T @ A)
    ev, V = ev[::-1], V[:, ::-1]
    U = A @ V / ev
    ```

    ## Use instead
    ```python
    s = np.sqrt(np.maximum(ev, 0))   # round-off can make a zero eigenvalue slightly negative
    U = A @ V / s
    ```

    ## Fix safety
    No automatic fix: where the square root belongs (once, at the eigenvalues, or at
    each use) is the user's choice.

    ## References
    - Strang, Introduction to Linear Algebra, ch. 7.1-7.2 (the SVD from A^T A).
    - MIT 18.06, lecture 29; Mathematics for Machine Learning, §4.5. Exercise 02.
    """

    code = "L207"
    name = "singular-values-without-sqrt"
    severity = "error"
    resources = ("strang-ila: ch. 7.1-7.2", "mit-1806: lec. 29", "mml: §4.5")
    exercise = 2

    def check(self, facts: Facts) -> Iterable[Finding]:
        seen: set[ast.AST] = set()
        for node, value in list(facts.values.items()):
            if value.origin.node is not node or node in seen:
                continue
            found = _as_singular_values(value)
            if found is None:
                continue
            seen.add(node)
            ev, how = found
            yield self._finding(facts, node, ev, how)

    def _finding(self, facts: Facts, node: ast.AST, ev: GramEigenvalues, how: str) -> Finding:
        call = ev.call.origin.node
        gram = ev.call.origin.inputs[0].origin.node if ev.call.origin.inputs else None
        gram_text = source_text(facts, gram) if gram is not None else "A^T A"
        message = (f"{source_text(facts, node)}: {how} eigenvalues of {gram_text}, which are the squared singular "
                   f"values (A^T A = V Sigma^2 V^T, so lambda_i = sigma_i^2): take np.sqrt of them first")
        related = [Related(facts.span(call), "the eigenvalues come from here")] if call is not None else []
        return self.finding(facts.span(node), message, related)


def _as_singular_values(value: Value) -> tuple[GramEigenvalues, str] | None:
    """The eigenvalues and how they are used, if ``value`` uses Gram eigenvalues as singular values."""
    origin = value.origin
    inputs = origin.inputs
    if origin.func in _DIVIDES and len(inputs) == 2:
        ev = gram_eigenvalues(inputs[1])
        if ev is not None and _times(inputs[0], ev.a):
            return ev, "divides by the"
    if origin.func in _COMPARES and len(inputs) >= 2:
        for mine, ref in ((inputs[0], inputs[1]), (inputs[1], inputs[0])):
            ev = gram_eigenvalues(mine)
            if ev is not None and _singular_values_of(ref, ev.a):
                return ev, "compares the singular values of svd with the"
    if origin.func in PRODUCTS and len(inputs) == 2:
        return _reconstruction(inputs[0], inputs[1])
    return None


def gram_eigenvalues(value: Value, depth: int = 0) -> GramEigenvalues | None:
    """``value`` as eigenvalues of a Gram matrix ``A.T @ A`` / ``A @ A.T`` (reordered, selected or clamped)."""
    origin = value.origin
    if (origin.func in _EIG_PAIRS and origin.param("output") == 0) or origin.func in _EIG_VALUES:
        if not origin.inputs or origin.param("b") is not None:
            return None  # a generalized problem A x = lambda B x is not a Gram's spectrum
        base = gram_base(origin.inputs[0])
        return GramEigenvalues(value, base[0]) if base is not None else None
    if origin.func in _KEEPS and depth < _MAX_DEPTH:
        arrays = [v for v in origin.inputs if not isinstance(v, ScalarV)]
        return gram_eigenvalues(arrays[0], depth + 1) if arrays else None
    return None


def _times(value: Value, a: Value, depth: int = 0) -> bool:
    """Whether ``value`` is ``A @ M`` (or ``A.T @ M``), maybe through indexing."""
    origin = value.origin
    if origin.func in PRODUCTS and len(origin.inputs) == 2:
        return same(factor(origin.inputs[0], None).base, a)
    if origin.func == "getitem" and origin.inputs and depth < _MAX_DEPTH:
        return _times(origin.inputs[0], a, depth + 1)
    return False


def _singular_values_of(value: Value, a: Value, depth: int = 0) -> bool:
    """``s`` of ``np.linalg.svd(A)`` (or of ``A.T``), maybe reordered or selected."""
    origin = value.origin
    if origin.func in _SVD and origin.inputs:
        if origin.param("output") != 1 and origin.param("compute_uv") is not False:
            return False
        return same(factor(origin.inputs[0], None).base, a)
    if origin.func in _KEEPS and origin.inputs and depth < _MAX_DEPTH:
        return _singular_values_of(origin.inputs[0], a, depth + 1)
    return False


def _reconstruction(left: Value, right: Value) -> tuple[GramEigenvalues, str] | None:
    """``L @ diag(ev) @ R`` (either grouping, or ``(L * ev) @ R``) rebuilding ``A`` from its factors."""
    for outer, inner, inner_left in ((right, left, True), (left, right, False)):
        o = inner.origin
        if len(o.inputs) != 2 or o.func not in PRODUCTS | (_SCALES if inner_left else frozenset()):
            continue
        first, sigma = (o.inputs if inner_left else o.inputs[::-1])
        ev = _sigma(sigma, o.func in _SCALES)
        if ev is None:
            continue
        lhs, rhs = (first, outer) if inner_left else (outer, first)
        if _factor_of(lhs, ev.a) and _factor_of(rhs, ev.a) and not _one_eigenbasis(lhs, rhs):
            return ev, "uses as Sigma the"
    return None


def _sigma(value: Value, elementwise: bool) -> GramEigenvalues | None:
    """``np.diag(ev)`` in a product; ``ev`` itself scaling the columns of ``U * ev``."""
    if elementwise:
        return gram_eigenvalues(value) if isinstance(value, ArrayV) and value.shape.rank in (1, None) else None
    if value.origin.func == "numpy.diag" and value.origin.inputs:
        return gram_eigenvalues(value.origin.inputs[0])
    return None


def _factor_of(value: Value, a: Value, depth: int = 0) -> bool:
    """A factor of an SVD of ``A``: from ``svd(A)``, the eigenvectors of a Gram of ``A``, or ``A @ V``."""
    origin = value.origin
    if depth > _MAX_DEPTH:
        return False
    if origin.func in _SVD and origin.inputs:
        return same(factor(origin.inputs[0], None).base, a)
    if origin.func in _EIG_PAIRS and origin.param("output") == 1 and origin.inputs:
        base = gram_base(origin.inputs[0])
        return base is not None and same(base[0], a)
    if origin.func in PRODUCTS and len(origin.inputs) == 2 and same(factor(origin.inputs[0], None).base, a):
        return True
    if (is_transpose(value) or origin.func in {"getitem"} | _DIVIDES | _SCALES) and origin.inputs:
        return _factor_of(origin.inputs[0], a, depth + 1)
    return False


def _one_eigenbasis(left: Value, right: Value) -> bool:
    """``V`` and ``V.T`` of one decomposition: ``V @ diag(ev) @ V.T`` rebuilds the Gram matrix itself."""
    return _root(left) is not None and _root(left) == _root(right)


def _root(value: Value, depth: int = 0) -> object | None:
    """The eigenvector matrix ``value`` is a reordering or transpose of: its call node, or the value."""
    origin = value.origin
    if (is_transpose(value) or origin.func == "getitem") and origin.inputs and depth < _MAX_DEPTH:
        return _root(origin.inputs[0], depth + 1)
    if origin.func in _EIG_PAIRS and origin.param("output") == 1:
        return origin.node
    return id(value)
