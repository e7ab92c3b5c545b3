"""Update steps ``w += step``, ``w = w - step``: one definition for the gradient rules.

An update is an augmented assignment ``w += step`` / ``w -= step`` or a binary
``w + step`` / ``w - step`` whose left operand is a name or attribute. It is
*written back* when the result replaces the weights (``w = w - step``,
``self.w = self.w - step``, ``w, b = w - dw, b - db``, ``return w - step``):
``loss(w + eps * g)`` in a directional-derivative check moves nothing, so the
sign rules leave it alone.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from derivlint.findings import Edit, Fix, Span
from derivlint.shapes.facts import Facts
from derivlint.shapes.values import Value

_FLIPPED = {"+=": "-=", "-=": "+=", "+": "-", "-": "+"}


@dataclass(frozen=True)
class Update:
    node: ast.AST  # the AugAssign statement or the BinOp
    weights: Value
    step: Value
    sign: int  # +1: w + step; -1: w - step
    target: ast.expr  # the weights as written
    step_node: ast.expr


def updates(facts: Facts) -> list[Update]:
    """Every ``w ± step`` the engine evaluated (a function called twice gives two)."""
    found: list[Update] = []
    for ev in facts.events:
        if ev.op not in ("+", "-") or len(ev.operands) != 2:
            continue
        node, (w, step) = ev.node, ev.operands
        sign = 1 if ev.op == "+" else -1
        if isinstance(node, ast.AugAssign) and isinstance(node.target, (ast.Name, ast.Attribute)):
            found.append(Update(node, w.value, step.value, sign, node.target, node.value))
        elif isinstance(node, ast.BinOp) and isinstance(node.left, (ast.Name, ast.Attribute)):
            found.append(Update(node, w.value, step.value, sign, node.left, node.right))
    return found


def written_back(facts: Facts, update: Update) -> bool:
    """Whether the result replaces the weights: an update, not a probe such as ``loss(w + eps * g)``.

    Rules ask it only of the few updates they have a proof for: it walks the enclosing statement.
    """
    node = update.node
    if isinstance(node, ast.AugAssign):
        return True
    parents: dict[int, ast.AST] = {}
    for stmt in facts.program.statements_at({node.lineno}):  # type: ignore[attr-defined]
        for parent in ast.walk(stmt):
            for child in ast.iter_child_nodes(parent):
                parents[id(child)] = parent
    return _written_back(node, parents)


def _written_back(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    parent = parents.get(id(node))
    if isinstance(parent, ast.Return):
        return True
    weights = ast.unparse(node.left)  # type: ignore[attr-defined]
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        return ast.unparse(parent.targets[0]) == weights
    if isinstance(parent, ast.AnnAssign):
        return ast.unparse(parent.target) == weights
    if isinstance(parent, ast.Tuple):  # w, b = w - lr * dw, b - lr * db
        assign = parents.get(id(parent))
        if isinstance(assign, ast.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Tuple):
            targets = assign.targets[0].elts
            for i, element in enumerate(parent.elts):
                if element is node and i < len(targets):
                    return ast.unparse(targets[i]) == weights
    return False


def flip_fix(facts: Facts, update: Update) -> Fix | None:
    """The edit that turns the update around: ``+=`` to ``-=``, ``w + step`` to ``w - step``."""
    node = update.node
    old = ("+" if update.sign > 0 else "-") + ("=" if isinstance(node, ast.AugAssign) else "")
    left, right = facts.span(update.target), facts.span(update.step_node)
    if left.end_line != right.line:
        return None
    line = facts.program.lines[left.end_line - 1]
    gap = line[left.end_col:right.col]
    at = gap.find(old)
    if "#" in gap or at < 0:
        return None
    col = left.end_col + at
    new = _FLIPPED[old]
    edit = Edit(Span(left.end_line, col, left.end_line, col + len(old)), new)
    return Fix(f"Step downhill: `{new}` instead of `{old}`", False, (edit,))
