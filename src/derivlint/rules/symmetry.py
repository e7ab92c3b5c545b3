"""Matrices that are symmetric by construction, as the engine's origins show them.

Used by the rules about symmetric eigenproblems (L205, L206, L208). A matrix
counts as symmetric only when the way it was computed proves it:
``A.T @ A``, ``A @ A.T``, ``np.cov``, ``(M + M.T) / 2``, sums and scalar multiples
of such matrices, ``np.outer(v, v)``, ``np.eye``, ``np.diag(v)``.
"""

from __future__ import annotations

import ast

from derivlint.shapes.values import ArrayV, ScalarV, Value

_PRODUCTS = frozenset({"operator.matmul", "numpy.dot", "numpy.matmul"})
_ALWAYS = frozenset({"numpy.cov", "numpy.corrcoef", "numpy.eye", "numpy.identity"})
_SCALED = frozenset({"operator.mul", "operator.truediv", "numpy.multiply", "numpy.divide"})
_SUMS = frozenset({"operator.add", "operator.sub", "numpy.add", "numpy.subtract"})


def symmetric(value: Value, depth: int = 0) -> bool:
    """Whether ``value`` is a matrix that is symmetric by construction."""
    if depth > 6:
        return False
    origin = value.origin
    func, inputs = origin.func, origin.inputs
    if func in _ALWAYS:
        return True
    if func == "numpy.diag" and inputs and isinstance(inputs[0], ArrayV) and inputs[0].shape.rank == 1:
        return True
    if func == "numpy.outer" and len(inputs) == 2:
        return same(inputs[0], inputs[1])
    if func in _PRODUCTS and len(inputs) == 2:
        return _gram(inputs[0], inputs[1])
    if func in _SCALED and len(inputs) == 2:
        scalar = [v for v in inputs if isinstance(v, ScalarV)]
        matrix = [v for v in inputs if not isinstance(v, ScalarV)]
        return len(scalar) == 1 and len(matrix) == 1 and symmetric(matrix[0], depth + 1)
    if func in _SUMS and len(inputs) == 2:
        a, b = inputs
        if _transpose_of(b, a) or _transpose_of(a, b):
            return func in ("operator.add", "numpy.add")  # M + M.T (M - M.T is antisymmetric)
        return symmetric(a, depth + 1) and symmetric(b, depth + 1)
    return False


def _gram(a: Value, b: Value) -> bool:
    """``A.T @ A`` or ``A @ A.T``."""
    return _transpose_of(a, b) or _transpose_of(b, a)


def _transpose_of(t: Value, x: Value) -> bool:
    """Whether ``t`` is ``x.T`` (``np.transpose(x)``) of a 2-D ``x``."""
    if t.origin.func != "numpy.transpose" or not t.origin.inputs:
        return False
    if isinstance(x, ArrayV) and x.shape.rank not in (2, None):
        return False
    return same(t.origin.inputs[0], x)


def same(a: Value, b: Value) -> bool:
    """One value, or one call-free expression written twice (``(X - mu).T @ (X - mu)``)."""
    if a is b:
        return True
    na, nb = a.origin.node, b.origin.node
    if na is None or nb is None or any(isinstance(n, ast.Call) for n in ast.walk(na)):
        return False  # two calls of np.random... are not the same matrix
    return ast.dump(na) == ast.dump(nb)


def gram_base(value: Value) -> tuple[Value, bool] | None:
    """``(A, True)`` for ``A.T @ A``, ``(A, False)`` for ``A @ A.T``; None for anything else."""
    origin = value.origin
    if origin.func not in _PRODUCTS or len(origin.inputs) != 2:
        return None
    a, b = origin.inputs
    if _transpose_of(a, b):
        return b, True
    if _transpose_of(b, a):
        return a, False
    return None


def gram_or_covariance(value: Value) -> bool:
    """``A.T @ A``, ``A @ A.T``, ``np.cov``/``corrcoef``, or a scalar multiple or ridge of one."""
    origin = value.origin
    if origin.func in ("numpy.cov", "numpy.corrcoef"):
        return True
    if origin.func in _PRODUCTS and len(origin.inputs) == 2:
        return _gram(origin.inputs[0], origin.inputs[1])
    if origin.func in _SCALED | _SUMS and len(origin.inputs) == 2:
        return any(gram_or_covariance(v) for v in origin.inputs if not isinstance(v, ScalarV))
    return False
