"""N308: memory from ``np.empty`` read before anything was written into it."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import place, source_text
from derivlint.shapes.contents import VIEWS, uninit_of
from derivlint.shapes.facts import Facts, Operand, OpEvent
from derivlint.shapes.values import ModuleV

#: operations that use an array's shape, or alias or copy its memory, without computing from it
_NOT_READS = VIEWS | {
    "numpy.empty_like", "numpy.zeros_like", "numpy.ones_like", "numpy.full_like", "numpy.copy",
    "numpy.array", "numpy.ascontiguousarray", "numpy.astype",
}
#: reads for which zeros is the starting value the code relies on (the identity of a sum)
_ADDITIVE = frozenset({"+", "-", "numpy.add", "numpy.subtract", "numpy.add.at", "numpy.subtract.at"})
_ZEROS = {"empty": "zeros", "empty_like": "zeros_like"}


class AccumulateIntoEmpty(Rule):
    """## What it does
    Reports an array from `np.empty` / `np.empty_like` whose elements are read before
    anything was written into it: `S += np.outer(x, x)` in a loop, `S[i] += v`,
    `np.add.at(S, idx, v)`, `S = S + x`, `total = S.sum()`. The finding is at the
    `np.empty` call, with the first read as related information. The engine follows
    the memory through branches, loops, aliases, views and helper calls. Any write,
    even one whose coverage is not proven (`S[i] = ...`, `S[:] = 0`, `S[...] = x`,
    `S.fill(0)`, `out=S`, passing `S` to a function that may fill it), counts as
    initialising: only a read that no write can precede on any path is reported.

    ## Why is this bad?
    `np.empty` does not set the elements: they are whatever bytes were in that memory,
    often zeros (so tests pass) and sometimes old data, `nan` or `1e308`. An
    accumulation `S_0 + sum_i x_i x_i^T` then starts from an arbitrary `S_0`, and the
    result is wrong by that much, differently on each run.

    ## Example
    ```python
    H = np.empty((d, d))
    for x_i, s_i in zip(X, p * (1 - p)):
        H += s_i * np.outer(x_i, x_i)
    ```

    ## Use instead
    ```python
    H = np.zeros((d, d))
    for x_i, s_i in zip(X, p * (1 - p)):
        H += s_i * np.outer(x_i, x_i)
    # or, without the loop: H = X.T @ (X * (p * (1 - p))[:, None])
    ```

    ## Fix safety
    The fix rewrites `np.empty` to `np.zeros` and `np.empty_like` to `np.zeros_like`,
    which take the same arguments. No correct program depends on the values of
    unwritten memory, so this never changes a correct result. It is safe when every
    read is an additive accumulation (`+=`, `-=`, `S + x`, `np.add.at`), where zero
    is the intended start; for any other first use (`S *= x` may have wanted
    `np.ones`, `S.sum()` right away is a bug of its own) the fix is offered as unsafe.
    It is offered only for `empty` reached through a numpy module attribute.

    ## References
    - Boyd and Vandenberghe, Convex Optimization, §9.5 (Newton's method: the Hessian as a sum over samples).
    - Mathematics for Machine Learning, §6.4 (covariance: a sum of outer products). Exercise 06.
    """

    code = "N308"
    name = "accumulate-into-empty"
    severity = "error"
    resources = ("boyd-cvx: §9.5", "mml: §6.4")
    exercise = 6

    def check(self, facts: Facts) -> Iterable[Finding]:
        reads: dict[ast.AST, list[tuple[OpEvent, Operand]]] = {}
        for ev in facts.events:
            for op in _read_operands(ev):
                source = uninit_of(op.value)
                if source is not None:
                    reads.setdefault(source, []).append((ev, op))
        for source, uses in reads.items():
            if not isinstance(source, ast.Call) or getattr(source, "lineno", None) is None:
                continue
            ev, op = uses[0]
            zeros = "np.zeros_like" if _called(source) == "empty_like" else "np.zeros"
            message = (
                f"{source_text(facts, source)} is read before any element is written: "
                f"{source_text(facts, ev.node)} ({place(facts, facts.span(ev.node).line)}) "
                f"computes from uninitialised memory; use {zeros}"
            )
            related = [Related(facts.span(ev.node), f"first read of {source_text(facts, op.node)}, before any write")]
            additive = all(_additive(e, o) for e, o in uses)
            yield self.finding(facts.span(source), message, related, _fix(facts, source, additive))


def _read_operands(ev: OpEvent) -> tuple[Operand, ...]:
    """The operands whose elements the operation computes from."""
    if ev.op == "setitem":
        return ev.operands[1:]  # the value stored; the array stored into is written, not read
    if ev.op in _NOT_READS or ev.op.startswith("user."):
        return ()  # a helper's own reads are events of their own
    return ev.operands


def _additive(ev: OpEvent, op: Operand) -> bool:
    """``S += x``, ``S - x``, ``np.add.at(S, ...)``; or storing such a sum (``S[i] += x``, ``Q[i] = Q[i-1] + x``)."""
    if ev.op == "setitem":
        return op.value.origin.func in ("operator.add", "operator.sub", "numpy.add", "numpy.subtract")
    return ev.op in _ADDITIVE


def _fix(facts: Facts, call: ast.Call, safe: bool) -> Fix | None:
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _ZEROS:
        return None
    if not _is_numpy(facts.values.get(func.value)) or any(k.arg == "prototype" for k in call.keywords):
        return None  # a bare `empty` needs an import; zeros_like calls `prototype` `a`
    end = facts.span(func)
    span = type(end)(end.end_line, end.end_col - len(func.attr), end.end_line, end.end_col)
    new = _ZEROS[func.attr]
    return Fix(f"Use {source_text(facts, func.value)}.{new}", safe, (Edit(span, new),))


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _is_numpy(value: object) -> bool:
    return isinstance(value, ModuleV) and value.qualname == "numpy"
