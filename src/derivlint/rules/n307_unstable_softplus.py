"""N307: softplus ``log(1 + exp(x))`` computed as written, which is ``inf`` for large x."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import bounded_above, is_one, max_shift, source_text
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.values import ArrayV, ModuleV, ScalarV, Value

_ADD = frozenset({"operator.add", "numpy.add"})
_COMPARE = frozenset({f"operator.{op}" for op in ("lt", "le", "gt", "ge")}) | {
    f"numpy.{op}" for op in ("less", "less_equal", "greater", "greater_equal")
}
#: exp is finite for every argument up to this (e^709 < 1.8e308)
_EXP_LIMIT = 709


class UnstableSoftplus(Rule):
    """## What it does
    Reports softplus, `log(1 + exp(x))`, computed as written: `np.log(1 + np.exp(x))`,
    `np.log(np.exp(x) + 1)`, `np.log1p(np.exp(x))`, the logistic loss
    `np.log(1 + np.exp(-y * (X @ w)))`, through a variable (`e = np.exp(z)` then
    `np.log(1 + e)`) or inside a helper. It is silent when the argument of `exp`
    is provably bounded above: `-np.abs(x)` (the stable form
    `np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))`), `np.clip`, `np.minimum`,
    `x - x.max()`, a constant, a boolean mask that selects by comparing the same
    argument (`x[x < 0]`), or an `np.where` branch chosen by such a comparison.
    `np.log(np.exp(a) + np.exp(b))` is a two-term log-sum-exp, not softplus, and
    `np.log(1 - sigmoid(z))` is N305's.

    ## Why is this bad?
    `log(1 + e^x)` is about `x` for large `x`, an ordinary number, but `e^x` is
    `inf` once `x > 709`, so the loss is `inf` and its gradient `nan`. With
    `log(1 + e^x) = max(x, 0) + log(1 + e^{-|x|})`, the exponential never exceeds 1:
    that is what `np.logaddexp(0, x)` computes.

    ## Example
    ```python
    loss = np.mean(np.log(1 + np.exp(-y * (X @ w))))
    ```

    ## Use instead
    ```python
    loss = np.mean(np.logaddexp(0, -y * (X @ w)))
    ```

    ## Fix safety
    The fix rewrites the expression to `np.logaddexp(0, x)`, quoting `x` from the
    `exp` call and reaching `logaddexp` through the same module as `log`. The two
    are equal in exact arithmetic; the floating-point results differ in the last
    bits for about half of all inputs, are finite where the original was `inf`, and
    `logaddexp` rejects complex input, so the fix is unsafe. It is offered only when
    the `exp` call is written inside the `log` (not through a variable, which may
    be rebound in between) and `log` is a numpy module attribute.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §3.1.5 (log-sum-exp; softplus is its two-term case).
    - Mathematics for Machine Learning, ch. 5 and §8.2 (logistic regression). Exercise 06.
    """

    code = "N307"
    name = "unstable-softplus"
    severity = "warning"
    resources = ("boyd-cvx: §3.1.5", "mml: ch. 5")
    exercise = 6

    def check(self, facts: Facts) -> Iterable[Finding]:
        guarded = _where_guarded(facts)
        for ev in facts.events:
            exp = _softplus_exp(ev)
            if exp is None:
                continue
            x = exp.origin.inputs[0]
            if _bounded(x) or any(_relates(c, x) for c in guarded.get(id(ev.result), ())):
                continue  # bounded, or a branch of np.where picked by comparing x itself
            z = source_text(facts, exp.origin.node.args[0]) if _one_arg(exp.origin.node) else "x"
            message = (
                f"{source_text(facts, ev.node)}: exp({z}) is inf once {z} > 709, so the log is inf "
                f"where log(1 + e^x) is about x; use np.logaddexp(0, {z})"
            )
            related = []
            exp_node = exp.origin.node
            if exp_node is not None and not _inside(facts, exp_node, ev.node):
                related.append(Related(facts.span(exp_node), f"the exp is computed here: {source_text(facts, exp_node)}"))
            yield self.finding(facts.span(ev.node), message, related, _fix(facts, ev, exp))


def _softplus_exp(ev: OpEvent) -> Value | None:
    """The ``exp(x)`` value of ``log(1 + exp(x))`` / ``log1p(exp(x))``; None for anything else."""
    if ev.op not in ("numpy.log", "numpy.log1p") or not ev.operands:
        return None
    arg = ev.operands[0].value
    if ev.op == "numpy.log1p":
        candidates = [arg]
    elif arg.origin.func in _ADD and len(arg.origin.inputs) == 2:
        a, b = arg.origin.inputs
        candidates = [t for one, t in ((a, b), (b, a)) if is_one(one)]
    else:
        return None
    for c in candidates:
        if c.origin.func == "numpy.exp" and c.origin.inputs:
            return c
    return None


def _one_arg(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Call) and len(node.args) == 1


def _bounded(x: Value) -> bool:
    """``x`` is provably at most 709: bounded above by construction, a small constant, booleans."""
    if bounded_above(x) or isinstance(max_shift(x), Value):
        return True
    if isinstance(x, ScalarV) and isinstance(x.const, (int, float)) and not isinstance(x.const, bool):
        return x.const <= _EXP_LIMIT
    if isinstance(x, (ArrayV, ScalarV)) and (x.dtype if isinstance(x, ArrayV) else x.kind) == "bool":
        return True
    return _masked(x)


def _masked(x: Value) -> bool:
    """``x[x < c]`` (or ``-x[x > c]``): elements picked by a comparison of the same array."""
    if x.origin.func == "operator.neg" and x.origin.inputs:
        x = x.origin.inputs[0]
    if x.origin.func != "getitem" or len(x.origin.inputs) != 2:
        return False
    base, mask = x.origin.inputs
    return mask.origin.func in _COMPARE and _relates(mask, base)


def _relates(condition: Value, x: Value) -> bool:
    """Whether a comparison ``condition`` compares ``x`` (or the array ``-x`` negates)."""
    targets = [x]
    if x.origin.func == "operator.neg" and x.origin.inputs:
        targets.append(x.origin.inputs[0])
    return any(operand is t or _same_node(operand, t) for operand in condition.origin.inputs for t in targets)


def _same_node(a: Value, b: Value) -> bool:
    na, nb = a.origin.node, b.origin.node
    return isinstance(na, ast.expr) and isinstance(nb, ast.expr) and ast.dump(na) == ast.dump(nb)


def _where_guarded(facts: Facts) -> dict[int, list[Value]]:
    """For each value computed inside a branch of ``np.where(cond, a, b)``: the conditions that pick it."""
    guarded: dict[int, list[Value]] = {}
    for ev in facts.events:
        if ev.op != "numpy.where" or len(ev.operands) != 3:
            continue
        condition = ev.operands[0].value
        if condition.origin.func not in _COMPARE:
            continue
        for branch in (ev.operands[1].value, ev.operands[2].value):
            for v in _computed_from(branch):
                guarded.setdefault(id(v), []).append(condition)
    return guarded


def _computed_from(value: Value, depth: int = 4) -> list[Value]:
    """``value`` and the values it was computed from, a few operations deep."""
    out = [value]
    if depth:
        for v in value.origin.inputs:
            out.extend(_computed_from(v, depth - 1))
    return out


def _fix(facts: Facts, ev: OpEvent, exp: Value) -> Fix | None:
    call, exp_call = ev.node, exp.origin.node
    if not isinstance(call, ast.Call) or len(call.args) != 1 or call.keywords:
        return None
    if not isinstance(exp_call, ast.Call) or len(exp_call.args) != 1 or exp_call.keywords:
        return None
    arg = call.args[0]
    if ev.op == "numpy.log1p":
        if arg is not exp_call:
            return None
    elif not (isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add) and exp_call in (arg.left, arg.right)):
        return None
    module = call.func.value if isinstance(call.func, ast.Attribute) else None
    if module is None or not _is_numpy(facts.values.get(module)):
        return None
    x = exp_call.args[0]
    if isinstance(x, (ast.Starred, ast.GeneratorExp)):
        return None
    text = f"{_segment(facts, module)}.logaddexp(0, {_segment(facts, x)})"
    return Fix(f"Use {' '.join(text.split())}", False, (Edit(facts.span(call), text),))


def _is_numpy(value: Value | None) -> bool:
    return isinstance(value, ModuleV) and value.qualname == "numpy"


def _segment(facts: Facts, node: ast.AST) -> str:
    """The exact source text of ``node`` (several lines kept as they are)."""
    s, lines = facts.span(node), facts.program.lines
    if s.line == s.end_line:
        return lines[s.line - 1][s.col : s.end_col]
    middle = lines[s.line : s.end_line - 1]
    return "\n".join([lines[s.line - 1][s.col :], *middle, lines[s.end_line - 1][: s.end_col]])


def _inside(facts: Facts, node: ast.AST, outer: ast.AST) -> bool:
    a, b = facts.span(node), facts.span(outer)
    return (b.line, b.col) <= (a.line, a.col) and (a.end_line, a.end_col) <= (b.end_line, b.end_col)
