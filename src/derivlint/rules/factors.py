"""Matrix products read back from the engine's origins: which matrix, transposed or not, written where.

``X.T @ X``, ``np.dot(X.T, X)``, ``X.transpose().dot(X)`` and ``2 * X.T @ X`` are one
product of two factors of one matrix ``X``; a factor knows whether it is transposed
(``X.T.T`` is ``X``) and the source node where it is written, so a fix can toggle
its transpose. Used by L201.

A weighted product ``X.T @ W @ X``, ``X.T @ np.diag(w) @ X``, ``(X.T * w) @ X`` or
``X.T @ (w[:, None] * X)`` is read as a chain of factors of ``X`` with the weights
between them: a square matrix in the middle of the chain, or a vector multiplied
elementwise into a factor (``weighted_factor``). ``weight_key`` names a weighting by
its vector (``np.diag(w)`` and ``w[:, None]`` are both ``w``) so two sides can be compared.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from derivlint.shapes.values import ArrayV, NoneV, ScalarV, SliceV, Value

PRODUCTS = frozenset({"operator.matmul", "numpy.dot", "numpy.matmul"})
SCALED = frozenset({"operator.mul", "operator.truediv", "numpy.multiply", "numpy.divide"})
ELEMENTWISE = frozenset({"operator.mul", "numpy.multiply"})
_EXPANDS = frozenset({"numpy.reshape", "numpy.expand_dims", "numpy.ravel"})
_MAX_DEPTH = 6


@dataclass(frozen=True)
class Factor:
    """A matrix ``base``, maybe transposed, as one operand of a product."""

    base: Value
    transposed: bool
    #: the operand as written (None when it cannot be traced back to source)
    node: ast.AST | None
    #: the innermost transpose written in place (``X.T``), with the node of what it transposes
    local_transpose: tuple[ast.AST, ast.AST] | None = None
    #: the vectors multiplied elementwise into the matrix (``X.T * w``), by ``weight_key``
    weights: tuple[Value, ...] = ()


def is_transpose(value: Value) -> bool:
    """``x.T``, ``np.transpose(x)``, ``x.transpose()`` or ``x.transpose(1, 0)``: a 2-D transpose."""
    origin = value.origin
    if origin.func != "numpy.transpose" or not origin.inputs:
        return False
    return origin.param("axes") in (None, (1, 0), (-1, -2))


def factor(value: Value, node: ast.AST | None, depth: int = 0) -> Factor:
    """``value`` (written at ``node``) as a transposed-or-not matrix, scalar multiples looked through."""
    origin = value.origin
    here = node is not None and origin.node is node
    if depth < _MAX_DEPTH and is_transpose(value):
        child = transposed_node(node) if here else None
        inner = factor(origin.inputs[0], child, depth + 1)
        local = inner.local_transpose
        if local is None and here and child is not None:
            local = (node, child)  # type: ignore[assignment]
        return Factor(inner.base, not inner.transposed, node if inner.node is None else inner.node, local)
    matrix = scaled_matrix(value)
    if depth < _MAX_DEPTH and matrix is not None:
        index = 0 if origin.inputs[0] is matrix else 1
        children = operand_nodes(node) if here else None
        inner = factor(matrix, children[index] if children else None, depth + 1)
        return Factor(inner.base, inner.transposed, node if inner.node is None else inner.node, inner.local_transpose)
    return Factor(value, False, node)


def scaled_matrix(value: Value) -> Value | None:
    """``M`` when ``value`` is ``c * M``, ``M * c`` or ``M / c`` for a scalar ``c``."""
    origin = value.origin
    if origin.func not in SCALED or len(origin.inputs) != 2:
        return None
    a, b = origin.inputs
    if isinstance(b, ScalarV) and not isinstance(a, ScalarV):
        return a
    if isinstance(a, ScalarV) and not isinstance(b, ScalarV) and origin.func in ("operator.mul", "numpy.multiply"):
        return b
    return None


def product(value: Value) -> tuple[Value, Value] | None:
    """The two operands when ``value`` is a matrix product."""
    origin = value.origin
    if origin.func in PRODUCTS and len(origin.inputs) == 2:
        return origin.inputs[0], origin.inputs[1]
    return None


def product_factors(value: Value) -> tuple[Factor, Factor] | None:
    """The factors of a product, each with the node it is written at."""
    operands = product(value)
    if operands is None:
        return None
    nodes = operand_nodes(value.origin.node)
    left, right = nodes if nodes is not None else (None, None)
    return factor(operands[0], left), factor(operands[1], right)


def operand_nodes(node: ast.AST | None) -> tuple[ast.AST, ast.AST] | None:
    """The two operand nodes of ``a @ b``, ``a * b``, ``np.dot(a, b)`` or ``a.dot(b)``."""
    if isinstance(node, ast.BinOp):
        return node.left, node.right
    if isinstance(node, ast.Call) and not node.keywords:
        if isinstance(node.func, ast.Attribute) and len(node.args) == 1:
            return node.func.value, node.args[0]  # a.dot(b)
        if len(node.args) == 2:
            return node.args[0], node.args[1]
    return None


def transposed_node(node: ast.AST | None) -> ast.AST | None:
    """What ``x.T`` / ``np.transpose(x)`` / ``x.transpose()`` transposes, as written."""
    if isinstance(node, ast.Attribute) and node.attr == "T":
        return node.value
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    if node.args and not _axes_literal(node.args[0]):
        return node.args[0] if len(node.args) == 1 else None  # np.transpose(x)
    if isinstance(node.func, ast.Attribute) and node.func.attr == "transpose":
        return node.func.value  # x.transpose(), x.transpose(1, 0)
    return None


def _axes_literal(node: ast.AST) -> bool:
    """``1`` or ``(1, 0)``: the axes of ``x.transpose(...)``, not an array."""
    if isinstance(node, ast.Tuple | ast.List):
        return all(_axes_literal(e) for e in node.elts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _axes_literal(node.operand)
    return isinstance(node, ast.Constant) and isinstance(node.value, int)


def weighted_factor(value: Value, node: ast.AST | None, depth: int = 0) -> Factor:
    """Like ``factor``, and also through elementwise weights: ``X.T * w``, ``w[:, None] * X``,
    ``(w[:, None] * X).T``. The weights go to ``Factor.weights``; ``node`` stays the matrix's."""
    origin = value.origin
    here = node is not None and origin.node is node
    if depth < _MAX_DEPTH and is_transpose(value):
        child = transposed_node(node) if here else None
        inner = weighted_factor(origin.inputs[0], child, depth + 1)
        local = inner.local_transpose
        if local is None and here and child is not None:
            local = (node, child)  # type: ignore[assignment]
        return Factor(inner.base, not inner.transposed, node if inner.node is None else inner.node, local, inner.weights)
    if depth < _MAX_DEPTH and scaled_matrix(value) is not None:
        matrix = scaled_matrix(value)
        index = 0 if origin.inputs[0] is matrix else 1
        children = operand_nodes(node) if here else None
        inner = weighted_factor(matrix, children[index] if children else None, depth + 1)  # type: ignore[arg-type]
        return Factor(inner.base, inner.transposed, node if inner.node is None else inner.node,
                      inner.local_transpose, inner.weights)
    split = _elementwise_weight(value)
    if depth < _MAX_DEPTH and split is not None:
        matrix, weight = split
        index = 0 if origin.inputs[0] is matrix else 1
        children = operand_nodes(node) if here else None
        inner = weighted_factor(matrix, children[index] if children else None, depth + 1)
        return Factor(inner.base, inner.transposed, inner.node, inner.local_transpose,
                      inner.weights + (weight_key(weight),))
    return Factor(value, False, node)


def _elementwise_weight(value: Value) -> tuple[Value, Value] | None:
    """(matrix, weights) for ``M * w`` / ``w * M``: a 2-D ``M`` and a vector ``w`` (1-D, or a column or row)."""
    origin = value.origin
    if origin.func not in ELEMENTWISE or len(origin.inputs) != 2:
        return None
    for matrix, weights in (origin.inputs, origin.inputs[::-1]):
        if _matrix(matrix) and _vector(weights):
            return matrix, weights
    return None


def _matrix(value: Value) -> bool:
    return isinstance(value, ArrayV) and value.shape.rank == 2 and not _vector(value)


def _vector(value: Value) -> bool:
    """1-D, or 2-D with one side of length 1 (``w[:, None]``, ``w.reshape(1, -1)``)."""
    if not isinstance(value, ArrayV) or value.shape.rank not in (1, 2):
        return False
    return value.shape.rank == 1 or any(d.is_const and d.const == 1 for d in value.shape.dims)


def weight_key(value: Value) -> Value:
    """The vector a weighting is made of: ``w`` for ``np.diag(w)``, ``w[:, None]``,
    ``w.reshape(-1, 1)``; the matrix itself for any other ``W``."""
    for _ in range(4):
        o = value.origin
        new_axes = o.func == "getitem" and all(isinstance(i, SliceV | NoneV) for i in o.inputs[1:])
        diagonal = o.func == "numpy.diag" and isinstance(o.inputs[0] if o.inputs else None, ArrayV) \
            and o.inputs[0].shape.rank == 1  # type: ignore[union-attr]
        if not o.inputs or not (new_axes or diagonal or o.func in _EXPANDS):
            break
        value = o.inputs[0]
    return value


def chains(value: Value) -> list[list[tuple[Value, ast.AST | None]]]:
    """The readings of a product as a chain of operands with their nodes: ``a @ b`` as
    ``[a, b]``, and as ``[a1, a2, b]`` / ``[a, b1, b2]`` when an operand is itself a product
    (``X.T @ W @ X`` however bracketed, through variables)."""
    operands = product(value)
    if operands is None:
        return []
    nodes = operand_nodes(value.origin.node) or (None, None)
    pairs = list(zip(operands, nodes))
    found = [pairs]
    for i, (v, _) in enumerate(pairs):
        inner = product(v)
        if inner is None:
            continue
        inner_nodes = operand_nodes(v.origin.node) or (None, None)
        split = list(zip(inner, inner_nodes))
        found.append(split + pairs[1:] if i == 0 else pairs[:1] + split)
    return found
