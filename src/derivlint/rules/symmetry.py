"""Whether a matrix is symmetric by construction, as the engine's origins show it: yes, provably not, or unknown.

Used by the rules about symmetric eigenproblems (L205, L206, L207, L208) and L201.
A matrix is symmetric only when the way it was computed proves it: ``np.cov``,
``np.eye``, a square ``np.zeros`` / ``ones`` / ``full``, ``np.diag(v)``, ``np.outer(v, v)``, ``(M + M.T) / 2``, a symmetric literal,
the inverse of a symmetric matrix, sums and scalar multiples of symmetric matrices,
and every product that reads the same backwards with each factor transposed: the
Gram matrices ``A.T @ A`` and ``A @ A.T``, congruences ``B @ S @ B.T`` (``S``
symmetric), weighted Gram matrices ``X.T @ np.diag(w) @ X`` and ``X.T @ (w[:, None] * X)``.

It is *provably not* symmetric (for any data but a set of measure zero) when it is a
continuous random draw, a literal with ``a[i][j] != a[j][i]``, ``S + N`` with ``N``
not symmetric, or a product ``P @ Q`` (``solve(P, Q)``: ``P^-1 Q``) of two symmetric
matrices that do not commute by construction (not functions of one matrix, neither a
multiple of the identity, not both diagonal), or of a random draw with a symmetric
or random matrix. A value computed differently on two paths (an accumulator at a loop's
start and after its body: ``S = np.zeros((d, d)); for ...: S += Xc.T @ Xc``) has the
verdict both paths agree on. Anything else, a parameter or a loaded matrix included, is unknown:
unknown is not non-symmetric.
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from derivlint.shapes.values import ArrayV, ScalarV, TupleV, Value

_PRODUCTS = frozenset({"operator.matmul", "numpy.dot", "numpy.matmul"})
_ALWAYS = frozenset({"numpy.cov", "numpy.corrcoef", "numpy.eye", "numpy.identity"})
#: every entry the same number: a square one is symmetric
_CONSTANT = frozenset({"numpy.zeros", "numpy.ones", "numpy.full", "numpy.zeros_like", "numpy.ones_like"})
_SCALED = frozenset({"operator.mul", "operator.truediv", "numpy.multiply", "numpy.divide"})
_SUMS = frozenset({"operator.add", "operator.sub", "numpy.add", "numpy.subtract"})
_INVERSES = frozenset({"numpy.linalg.inv", "numpy.linalg.pinv"})
_SOLVES = frozenset({"numpy.linalg.solve", "scipy.linalg.solve"})
#: continuous random draws: symmetric with probability 0 (integer draws are not)
_RANDOM = frozenset({
    "numpy.random.randn", "numpy.random.rand", "numpy.random.normal", "rng.normal", "numpy.random.uniform",
    "rng.uniform", "numpy.random.standard_normal", "numpy.random.random", "numpy.random.random_sample",
    "rng.standard_normal", "rng.random",
})
#: matrix functions: f(S) is symmetric when S is, and commutes with S
_FUNCTIONS_OF = frozenset({"numpy.transpose", "numpy.linalg.matrix_power", "scipy.linalg.expm"})
_MAX_DEPTH = 8


def symmetric(value: Value) -> bool:
    """Whether ``value`` is a matrix that is symmetric by construction."""
    return symmetry(value) is True


def symmetry(value: Value, written: Collection[int] = ()) -> bool | None:
    """True: symmetric by construction; False: provably not symmetric; None: unknown.

    ``written`` holds the ids of arrays written into after they were computed
    (``rules.written.written_arrays``): what they were built as no longer says what they are.
    """
    return _symmetry(value, 0, written)


def _symmetry(value: Value, depth: int, written: Collection[int]) -> bool | None:
    if depth > _MAX_DEPTH or id(value) in written:
        return None
    origin = value.origin
    func, inputs = origin.func, origin.inputs
    if func in _ALWAYS:
        return True
    if func == "join" and inputs:  # computed differently on two paths (a loop's start and its body)
        verdicts = {_symmetry(v, depth + 1, written) for v in inputs}
        return verdicts.pop() if len(verdicts) == 1 else None
    if func in _CONSTANT:
        return True if _square(value) else None
    if func == "numpy.diag" and inputs and isinstance(inputs[0], ArrayV) and inputs[0].shape.rank == 1:
        return True
    if func == "numpy.outer" and len(inputs) == 2:
        return True if same(inputs[0], inputs[1]) else None
    if func in ("numpy.array", "numpy.asarray") and inputs:
        return _literal(inputs[0]) if isinstance(inputs[0], TupleV) else _symmetry(inputs[0], depth + 1, written)
    if func in _RANDOM:
        return False if _square(value) else None
    if func in _INVERSES or func == "numpy.transpose":
        return _symmetry(inputs[0], depth + 1, written) if inputs else None
    if func in _FUNCTIONS_OF - {"numpy.transpose"} and inputs:
        return True if _symmetry(inputs[0], depth + 1, written) else None
    if func in _PRODUCTS and len(inputs) == 2:
        if gram_base(value) is not None or _palindrome(_factors(value), depth, written):
            return True
        return _pair(inputs[0], inputs[1], depth, written)
    if func in _SOLVES and len(inputs) == 2:
        return _pair(inputs[0], inputs[1], depth, written)
    if func in _SCALED and len(inputs) == 2:
        matrix = _scaled(value)
        if matrix is None:
            return None
        inner = _symmetry(matrix, depth + 1, written)
        if inner is False and not _nonzero(inputs[1] if matrix is inputs[0] else inputs[0]):
            return None  # 0 * N is symmetric
        return inner
    if func in _SUMS and len(inputs) == 2:
        return _sum(func, inputs[0], inputs[1], depth, written)
    return None


def _sum(func: str, a: Value, b: Value, depth: int, written: Collection[int]) -> bool | None:
    adding = func in ("operator.add", "numpy.add")
    if _transpose_of(b, a) or _transpose_of(a, b):
        # M + M.T is symmetric; M - M.T is antisymmetric, not symmetric unless zero
        return True if adding else (False if _symmetry(a, depth + 1, written) is False else None)
    sa = True if isinstance(a, ScalarV) else _symmetry(a, depth + 1, written)
    sb = True if isinstance(b, ScalarV) else _symmetry(b, depth + 1, written)
    if sa and sb:
        return True
    if sa is False and sb is True or sa is True and sb is False:
        return False
    return None


def _pair(p: Value, q: Value, depth: int, written: Collection[int]) -> bool | None:
    """``P @ Q`` (or ``P^-1 Q``) that is not a palindrome: False when it provably is not symmetric."""
    if not (_square(p) and _square(q)):
        return None
    sp, sq = _symmetry(p, depth + 1, written), _symmetry(q, depth + 1, written)
    rp = p.origin.func in _RANDOM and id(p) not in written
    rq = q.origin.func in _RANDOM and id(q) not in written
    if sp and sq:
        return None if _commute(p, q) else False
    if rp and (rq or sq and not _identity(q)) or rq and sp and not _identity(p):
        return False
    return None


def _commute(p: Value, q: Value) -> bool:
    """Functions of one matrix (``S``, ``inv(S)``, ``S + lam * I``), a multiple of I, or two diagonals."""
    if _identity(p) or _identity(q):
        return True
    if p.origin.func == "numpy.diag" and q.origin.func == "numpy.diag":
        return True
    return same(_root(p), _root(q))


def _root(value: Value, depth: int = 0) -> Value:
    """The matrix ``value`` is a function of: through inverses, powers, transposes, scaling, ``+ c I``."""
    origin = value.origin
    if depth > _MAX_DEPTH or not origin.inputs:
        return value
    if origin.func in _INVERSES | _FUNCTIONS_OF:
        return _root(origin.inputs[0], depth + 1)
    matrix = _scaled(value)
    if matrix is not None:
        return _root(matrix, depth + 1)
    if origin.func in _SUMS | _PRODUCTS and len(origin.inputs) == 2:
        a, b = origin.inputs
        if isinstance(b, ScalarV) or _identity(b):
            return _root(a, depth + 1)
        if isinstance(a, ScalarV) or _identity(a):
            return _root(b, depth + 1)
        ra, rb = _root(a, depth + 1), _root(b, depth + 1)
        if same(ra, rb):
            return ra  # S @ S, S + inv(S): still a function of S
    return value


def _identity(value: Value) -> bool:
    """``np.eye(d)``, ``np.identity(d)`` or a scalar multiple of one."""
    if value.origin.func in ("numpy.eye", "numpy.identity"):
        return True
    matrix = _scaled(value)
    return matrix is not None and _identity(matrix)


class _Diag:
    """A diagonal factor written as a broadcast scaling: ``w[:, None] * X`` is ``diag(w) @ X``."""

    def __init__(self, vector: Value) -> None:
        self.vector = vector


def _factors(value: Value, depth: int = 0) -> list[Value | _Diag]:
    """A product as its chain of factors, with row / column scalings as diagonal factors."""
    origin = value.origin
    if depth < _MAX_DEPTH and origin.func in _PRODUCTS and len(origin.inputs) == 2:
        return _factors(origin.inputs[0], depth + 1) + _factors(origin.inputs[1], depth + 1)
    if depth < _MAX_DEPTH and origin.func in ("operator.mul", "numpy.multiply") and len(origin.inputs) == 2:
        matrix = _scaled(value)
        if matrix is not None:
            return _factors(matrix, depth + 1)
        for s, m in (origin.inputs, origin.inputs[::-1]):
            side = _scaling_side(s, m)
            if side == "rows":
                return [_Diag(s), *_factors(m, depth + 1)]
            if side == "columns":
                return [*_factors(m, depth + 1), _Diag(s)]
    return [value]


def _scaling_side(s: Value, m: Value) -> str | None:
    """``rows`` when ``s * m`` scales the rows of the matrix ``m`` (``s`` is ``(n, 1)``), ``columns`` for ``(k,)``."""
    if not isinstance(s, ArrayV) or not isinstance(m, ArrayV) or m.shape.rank != 2:
        return None
    rows, cols = m.shape.dims
    if s.shape.rank == 2 and s.shape.dims[1].is_const and s.shape.dims[1].const == 1 and s.shape.dims[0] == rows:
        return "rows"
    if s.shape.rank == 1 and s.shape.dims[0] == cols or s.shape.rank == 2 and s.shape.dims == (s.shape.dims[0], cols) \
            and s.shape.dims[0].is_const and s.shape.dims[0].const == 1:
        return "columns"
    return None


def _palindrome(factors: list[Value | _Diag], depth: int, written: Collection[int]) -> bool:
    """``F1 ... Fk`` with ``F_i = F_{k+1-i}^T`` and a symmetric middle (``I`` factors dropped): symmetric."""
    factors = [f for f in factors if isinstance(f, _Diag) or not _identity(f)]
    if not factors or len(factors) > 9:
        return not factors
    k = len(factors)
    for i in range(k // 2):
        if not _mirror(factors[i], factors[k - 1 - i], depth, written):
            return False
    if k % 2:
        middle = factors[k // 2]
        return isinstance(middle, _Diag) or _symmetry(middle, depth + 1, written) is True
    return True


def _mirror(a: Value | _Diag, b: Value | _Diag, depth: int, written: Collection[int]) -> bool:
    """Whether ``a`` is ``b.T``."""
    if isinstance(a, _Diag) or isinstance(b, _Diag):
        return isinstance(a, _Diag) and isinstance(b, _Diag) and same(a.vector, b.vector)
    if _transpose_of(a, b) or _transpose_of(b, a):
        return True
    return same(a, b) and _symmetry(a, depth + 1, written) is True


def _literal(rows: TupleV) -> bool | None:
    """A square matrix literal: compare ``a[i][j]`` with ``a[j][i]`` where both are known numbers."""
    n = len(rows.items)
    table = [r.items if isinstance(r, TupleV) and len(r.items) == n else None for r in rows.items]
    if n < 2 or any(r is None for r in table):
        return None
    known = True
    for i in range(n):
        for j in range(i + 1, n):
            a, b = table[i][j], table[j][i]  # type: ignore[index]
            ca = a.const if isinstance(a, ScalarV) else None
            cb = b.const if isinstance(b, ScalarV) else None
            if ca is None or cb is None:
                known = False
            elif ca != cb:
                return False
    return True if known else None


def _square(value: Value) -> bool:
    return isinstance(value, ArrayV) and value.shape.rank == 2 and value.shape.dims[0] == value.shape.dims[1]


def _nonzero(value: Value) -> bool:
    """A scalar that is a known nonzero number, or a size (sizes are at least 1)."""
    if not isinstance(value, ScalarV):
        return False
    if value.dim is not None:
        return not value.dim.is_const or value.dim.const != 0
    return isinstance(value.const, int | float) and value.const != 0


def _scaled(value: Value) -> Value | None:
    """``M`` when ``value`` is ``c * M``, ``M * c`` or ``M / c`` for a scalar ``c``."""
    origin = value.origin
    if origin.func not in _SCALED or len(origin.inputs) != 2:
        return None
    a, b = origin.inputs
    if isinstance(b, ScalarV) and not isinstance(a, ScalarV):
        return a
    if isinstance(a, ScalarV) and not isinstance(b, ScalarV) and origin.func in ("operator.mul", "numpy.multiply"):
        return b
    return None


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
    if gram_base(value) is not None:
        return True
    if origin.func in _SCALED | _SUMS and len(origin.inputs) == 2:
        return any(gram_or_covariance(v) for v in origin.inputs if not isinstance(v, ScalarV))
    return False

