"""Helpers rules share: describing operands and where their shapes came from."""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from derivlint.findings import Finding, Related
from derivlint.shapes.facts import Facts, Operand, Problem
from derivlint.shapes.values import ArrayV, Origin, ScalarV, Value

if TYPE_CHECKING:
    from derivlint.rules.base import Rule

MAX_TEXT = 40


def source_text(facts: Facts, node: ast.AST) -> str:
    """The source of ``node`` as written, shortened for messages."""
    try:
        s = facts.span(node)
    except (AttributeError, TypeError):
        return "?"
    lines = facts.program.lines
    if s.line == s.end_line and 0 < s.line <= len(lines):
        text = lines[s.line - 1][s.col:s.end_col]
    else:
        text = ast.unparse(node) if isinstance(node, ast.AST) else "?"
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def place(facts: Facts, line: int) -> str:
    cell, cell_line, _ = facts.program.locate(line, 0)
    return f"line {cell_line}" if cell is None else f"cell {cell}, line {cell_line}"


def origin_line(value: Value) -> int | None:
    node = value.origin.node
    if node is not None and hasattr(node, "lineno"):
        return node.lineno  # type: ignore[no-any-return]
    line = value.origin.param("line")
    return line if isinstance(line, int) else None


def shape_text(facts: Facts, value: Value) -> str:
    if isinstance(value, ArrayV):
        return facts.fmt(value.shape)
    if isinstance(value, ScalarV):
        return "a scalar"
    return "unknown"


def describe(facts: Facts, op: Operand) -> str:
    """``X is (n, d) from line 3``."""
    text = source_text(facts, op.node)
    line = origin_line(op.value)
    where = ""
    reason = op.value.origin.reason
    if line is not None:
        if reason.startswith("declared in markdown"):
            where = f" ({reason})"
        else:
            where = f" from {place(facts, line)}"
    return f"{text} is {shape_text(facts, op.value)}{where}"


def related(facts: Facts, operands: tuple[Operand, ...]) -> list[Related]:
    """Where each operand's shape came from, as related information."""
    out = []
    for op in operands:
        node = op.value.origin.node
        if node is None or not hasattr(node, "lineno"):
            continue
        out.append(Related(facts.span(node), f"{source_text(facts, op.node)} is {shape_text(facts, op.value)} here"))
    return out


def problem_finding(rule: Rule, facts: Facts, problem: Problem, name_expression: bool = True) -> Finding:
    """A proven shape problem as a finding: the message, each operand's shape and origin, related info."""
    extra = "; " + ", ".join(describe(facts, op) for op in problem.operands) if problem.operands else ""
    head = f"{source_text(facts, problem.node)}: " if name_expression else ""
    return rule.finding(facts.span(problem.node), f"{head}{problem.message}{extra}", related(facts, problem.operands))


#: reductions whose result, without keepdims, loses the reduced axis
REDUCTIONS = frozenset(
    f"numpy.{n}" for n in (
        "sum", "mean", "max", "min", "amax", "amin", "prod", "std", "var", "nansum", "nanmean",
        "nanmax", "nanmin", "median", "average",
    )
) | {"scipy.special.logsumexp", "numpy.linalg.norm"}

ELEMENTWISE_OPS = frozenset({"+", "-", "*", "/", "**", "//", "%"}) | {
    f"numpy.{n}" for n in ("add", "subtract", "multiply", "divide", "true_divide", "maximum", "minimum", "power")
}


def reduction_axis(value: Value) -> tuple[Value, int] | None:
    """If ``value`` is a reduction over one non-leading axis without keepdims: (its input, axis)."""
    o = value.origin
    if o.func not in REDUCTIONS or not o.inputs:
        return None
    if o.param("keepdims") is True:
        return None
    axis = o.param("axis")
    source = o.inputs[0]
    if not isinstance(axis, int) or isinstance(axis, bool) or not isinstance(source, ArrayV):
        return None
    rank = source.shape.rank
    if rank is None or rank < 2 or not -rank <= axis < rank or axis % rank == 0:
        return None
    return source, axis % rank


def reduction_broadcast(facts: Facts, operands: tuple[Operand, ...]) -> tuple[Operand, Operand, int] | None:
    """(full operand, reduced operand, axis) when one operand is the other reduced without keepdims."""
    if len(operands) != 2:
        return None
    for full, reduced in ((operands[0], operands[1]), (operands[1], operands[0])):
        found = reduction_axis(reduced.value)
        if found is None or not isinstance(full.value, ArrayV):
            continue
        source, axis = found
        if _transpose_of(full.value, source):
            continue  # (A.T - A.mean(axis=1)).T: the row means line up with A.T's last axis, as meant
        if source is full.value or source.shape == full.value.shape:  # type: ignore[union-attr]
            return full, reduced, axis
    return None


def _transpose_of(value: Value, source: Value) -> bool:
    """``value`` is ``source.T`` for a matrix ``source``."""
    origin = value.origin
    return origin.func == "numpy.transpose" and bool(origin.inputs) and origin.inputs[0] is source \
        and origin.param("axes") is None and isinstance(source, ArrayV) and source.shape.rank == 2


def same_exp(a: Value, b: Value) -> bool:
    """Whether two ``exp`` values are the same ``exp(x)``: one value, one input, or one argument text."""
    if a.origin.func != "numpy.exp" or b.origin.func != "numpy.exp" or not a.origin.inputs or not b.origin.inputs:
        return False
    if a.origin.inputs[0] is b.origin.inputs[0]:
        return True
    na, nb = call_argument(a.origin.node), call_argument(b.origin.node)
    return na is not None and nb is not None and ast.dump(na) == ast.dump(nb)


def call_argument(node: ast.AST | None) -> ast.AST | None:
    """The one positional argument of a call node, if it is such a call."""
    return node.args[0] if isinstance(node, ast.Call) and len(node.args) == 1 else None


def softmax_numerator(top: Value, bottom: Value) -> Value | None:
    """The ``exp`` of the whole vector when ``top`` over ``sum(bottom)`` is a softmax or one entry of it.

    ``exp(x)``, ``exp(x)[i]`` and ``exp(x[i])`` over ``sum(exp(x))``: CS231n's naive loss
    picks the correct class's entry, ``np.exp(f[y[i]]) / np.sum(np.exp(f))``.
    """
    if top.origin.func == "numpy.exp" and same_exp(top, bottom):
        return top
    if top.origin.func == "getitem" and top.origin.inputs and same_exp(top.origin.inputs[0], bottom):
        return top.origin.inputs[0]
    if top.origin.func == "numpy.exp" and top.origin.inputs and bottom.origin.func == "numpy.exp" and bottom.origin.inputs:
        picked = top.origin.inputs[0]
        if picked.origin.func == "getitem" and picked.origin.inputs and picked.origin.inputs[0] is bottom.origin.inputs[0]:
            return bottom
    return None


def softmax_of(value: Value) -> Value | None:
    """The ``exp`` value if ``value`` is ``exp(x) / sum(exp(x))`` (any axis, any spelling, or one entry)."""
    origin = value.origin
    if origin.func not in ("operator.truediv", "numpy.divide", "numpy.true_divide") or len(origin.inputs) != 2:
        return None
    top, total = origin.inputs[0], normaliser_sum(origin.inputs[1])
    if total is None:
        return None
    return softmax_numerator(top, total.origin.inputs[0])


_SUM_FUNCS = frozenset({"numpy.sum", "numpy.nansum"})
#: what gives a sum back its reduced axis without changing a value: ``reshape(-1, 1)``, ``expand_dims``
_REGROW = frozenset({"numpy.reshape", "numpy.expand_dims"})


def normaliser_sum(value: Value) -> Value | None:
    """The ``sum`` a denominator is, kept as it is or with its reduced axis put back by hand
    (``e.sum(axis=1)[:, None]``, ``[:, np.newaxis]``, ``.reshape(-1, 1)``, ``np.expand_dims(., 1)``)."""
    value = regrown(value)
    if value.origin.func not in _SUM_FUNCS or not value.origin.inputs:
        return None
    return value


def regrown(value: Value) -> Value:
    """The reduction under ``r[:, None]`` / ``r.reshape(-1, 1)`` / ``np.expand_dims(r, 1)``, else ``value``."""
    origin = value.origin
    if origin.inputs and (origin.func in _REGROW or origin.func == "getitem" and _only_new_axes(origin.node)):
        return origin.inputs[0]
    return value


def _only_new_axes(node: ast.AST | None) -> bool:
    """``x[:, None]``, ``x[None, :]``, ``x[..., np.newaxis]``: an index that only adds axes."""
    if not isinstance(node, ast.Subscript):
        return False
    parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    new = 0
    for part in parts:
        if isinstance(part, ast.Constant) and part.value is None or isinstance(part, ast.Attribute) and part.attr == "newaxis":
            new += 1
        elif isinstance(part, ast.Constant) and part.value is Ellipsis:
            continue
        elif not (isinstance(part, ast.Slice) and part.lower is None and part.upper is None and part.step is None):
            return False
    return new > 0


#: functions whose result is bounded above when used as an argument of ``exp``
_BOUNDING = frozenset({"numpy.clip", "numpy.minimum", "numpy.fmin"})


def bounded_above(value: Value) -> bool:
    """Whether ``value`` is provably bounded above: ``-abs(x)``, ``clip``, ``minimum``, or the
    entries a mask picks below a constant (``z[z < 0]``, ``z[~pos]`` with ``pos = z >= 0``)."""
    origin = value.origin
    if origin.func in _BOUNDING:
        return True
    if origin.func == "getitem" and len(origin.inputs) == 2:
        return _picks_below(origin.inputs[0], origin.inputs[1], True)
    return _sign_of(value) == -1


#: functions whose result is never negative
_NONNEGATIVE = frozenset({
    "numpy.abs", "numpy.absolute", "numpy.fabs", "numpy.square", "numpy.sqrt", "numpy.exp",
    "numpy.linalg.norm", "numpy.hypot", "numpy.cosh",
})
_REDUCTIONS = frozenset({"numpy.sum", "numpy.mean", "numpy.max", "numpy.amax", "numpy.min", "numpy.amin"})


def _sign_of(value: Value, depth: int = 0) -> int:
    """1 if ``value`` is provably ``>= 0``, -1 if provably ``<= 0``, 0 if not known.

    ``-x**2``, ``-np.abs(x)``, ``-d2 / (2 * s**2)``, ``-np.linalg.norm(x)``: the Gaussian
    and distance-kernel arguments of ``exp`` that cannot overflow it.
    """
    if depth > 8:
        return 0
    const = value.const if isinstance(value, ScalarV) else None
    if isinstance(const, (int, float)) and not isinstance(const, bool):
        return 1 if const >= 0 else -1
    origin = value.origin
    func, inputs = origin.func, origin.inputs
    if func in _NONNEGATIVE:
        return 1
    if func in _REDUCTIONS and inputs:
        return _sign_of(inputs[0], depth + 1)
    if func == "operator.neg" and len(inputs) == 1:
        return -_sign_of(inputs[0], depth + 1)
    if func in ("operator.pow", "numpy.power") and len(inputs) == 2:
        exponent = getattr(inputs[1], "const", None)
        if isinstance(exponent, int) and not isinstance(exponent, bool) and exponent % 2 == 0:
            return 1
        return 1 if _sign_of(inputs[0], depth + 1) == 1 else 0
    if len(inputs) != 2:
        return 0
    a, b = (_sign_of(v, depth + 1) for v in inputs)
    if func in ("operator.mul", "numpy.multiply", "operator.truediv", "numpy.divide", "numpy.true_divide"):
        if inputs[0] is inputs[1] and func in ("operator.mul", "numpy.multiply"):
            return 1
        return a * b
    if func in ("operator.add", "numpy.add"):
        return a if a == b else 0
    if func in ("operator.sub", "numpy.subtract"):
        return a if a == -b else 0
    return 0


_BELOW = frozenset({"operator.lt", "operator.le"})
_ABOVE = frozenset({"operator.gt", "operator.ge"})
#: a mask bound well inside exp's range (exp(709) is the last finite double)
_EXP_SAFE = 700


def _picks_below(base: Value, mask: Value, keep: bool, depth: int = 0) -> bool:
    """Whether ``mask`` (or its negation, ``keep=False``) selects entries of ``base`` below a constant."""
    origin = mask.origin
    if origin.func in ("operator.invert", "numpy.logical_not") and origin.inputs and depth < 4:
        return _picks_below(base, origin.inputs[0], not keep, depth + 1)
    if len(origin.inputs) != 2:
        return False
    left, right = origin.inputs
    if origin.func in _BELOW:  # base < c selects below; c < base selects above
        below, bound = (keep, right) if left is base else (not keep, left) if right is base else (None, None)
    elif origin.func in _ABOVE:  # base > c selects above; c > base selects below
        below, bound = (not keep, right) if left is base else (keep, left) if right is base else (None, None)
    else:
        return False
    const = getattr(bound, "const", None)
    return bool(below) and isinstance(const, (int, float)) and not isinstance(const, bool) and const <= _EXP_SAFE


MAXES = frozenset({"numpy.max", "numpy.amax", "numpy.nanmax"})


def max_shift(value: Value) -> Value | None | bool:
    """For ``x - m``: the max ``m`` when it is a max, True when ``m`` is unknown (it may be one).

    False when ``value`` is not a subtraction or subtracts something proven not a max.
    """
    origin = value.origin
    if origin.func not in ("operator.sub", "numpy.subtract") or len(origin.inputs) != 2:
        return False
    m = regrown(origin.inputs[1])
    if m.origin.func in MAXES:
        return m
    return m.origin.func is None and not isinstance(m, ScalarV)


_SIGMOIDS = frozenset({"scipy.special.expit"})


def is_one(value: Value) -> bool:
    """The number 1 (``1`` or ``1.0``, not ``True``)."""
    return isinstance(value, ScalarV) and value.kind != "bool" and value.const == 1


def sigmoid_logit(value: Value) -> Value | None:
    """``z`` if ``value`` is ``1 / (1 + exp(-z))`` (or expit(z)); None otherwise."""
    origin = value.origin
    if origin.func in _SIGMOIDS and origin.inputs:
        return origin.inputs[0]
    if origin.func not in ("operator.truediv", "numpy.divide", "numpy.true_divide") or len(origin.inputs) != 2 or not is_one(origin.inputs[0]):
        return None
    denominator = origin.inputs[1].origin
    if denominator.func not in ("operator.add", "numpy.add") or len(denominator.inputs) != 2:
        return None
    for one, exp in (denominator.inputs, denominator.inputs[::-1]):
        if is_one(one) and exp.origin.func == "numpy.exp" and exp.origin.inputs:
            neg = exp.origin.inputs[0]
            if neg.origin.func == "operator.neg" and neg.origin.inputs:
                return neg
            negated = negated_product(neg)
            if negated is not None:
                return negated
    return None


_PRODUCT_FUNCS = frozenset({"operator.matmul", "numpy.dot", "numpy.matmul"})


def negated_product(value: Value) -> Value | None:
    """``-X @ w`` parses as ``(-X) @ w``: the same value as ``-(X @ w)``, returned in that form.

    So ``1 / (1 + np.exp(-X @ w))`` reads as the sigmoid of ``X @ w`` like ``np.exp(-(X @ w))``
    does. The result is a value of the product's shape whose origin is the negation of the
    product of the un-negated factors (the factors themselves are the program's own values).
    """
    origin = value.origin
    if origin.func not in _PRODUCT_FUNCS or len(origin.inputs) != 2:
        return None
    left, right = origin.inputs
    if left.origin.func == "operator.neg" and left.origin.inputs:
        factors = (left.origin.inputs[0], right)
    elif right.origin.func == "operator.neg" and right.origin.inputs:
        factors = (left, right.origin.inputs[0])
    else:
        return None
    product = replace(value, origin=Origin(origin.node, origin.reason, origin.func, factors, origin.params))
    return replace(value, origin=Origin(origin.node, "negated product", "operator.neg", (product,)))
