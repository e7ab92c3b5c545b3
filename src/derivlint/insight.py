"""What the engine knows at a place, said for people: hover text and inlay hints.

Front-end neutral, like ``analysis``: positions are program coordinates
(1-based line, 0-based code-point column); the server translates them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from derivlint.findings import Span

if TYPE_CHECKING:
    from derivlint.analysis import FileReport
    from derivlint.shapes.facts import Facts
    from derivlint.shapes.values import Value

#: nodes whose value is not worth a hover (the name of a call, a keyword's value)
_SKIP = (ast.Constant, ast.JoinedStr, ast.Lambda, ast.Starred, ast.Slice)


@dataclass(frozen=True)
class ShapeInfo:
    span: Span  # the expression hovered
    text: str  # its source
    shape: str  # "(n, d)", "scalar", "tuple of (n,), (n, d)"
    dtype: str | None
    provenance: str  # "from `X.T @ X` in cell 3, line 2", "annotated on line 1"
    origin: Span | None  # where the shape came from, when that is a place in the program


@dataclass(frozen=True)
class ShapeHint:
    line: int  # program position the hint is shown at (after the target)
    col: int
    label: str  # "(n, d)"


def shape_at(report: FileReport, line: int, col: int) -> ShapeInfo | None:
    """The smallest expression at program ``(line, col)`` whose shape the engine knows."""
    facts = report.facts
    if facts is None:
        return None
    best: tuple[tuple[int, int], ast.AST, Value] | None = None
    params = _params(facts)
    candidates = list(facts.values.items()) + [(p, vs[-1]) for p, vs in params.items()]
    for node, value in candidates:
        first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        if first is None or last is None or not first <= line <= last or isinstance(node, _SKIP):
            continue
        span = facts.span(node)
        if not (span.line, span.col) <= (line, col) <= (span.end_line, span.end_col):
            continue
        size = (span.end_line - span.line, span.end_col - span.col if span.line == span.end_line else 0)
        if best is None or size < best[0]:
            best = (size, node, value)
    if best is None:
        return None
    _, node, value = best
    if isinstance(node, ast.arg):
        value = _agreed(facts, params[node]) or value
    shape = shape_label(facts, value)
    if shape is None:
        return None
    from derivlint.rules.common import source_text

    text = node.arg if isinstance(node, ast.arg) else source_text(facts, node)
    provenance, origin = _provenance(facts, node, value)
    return ShapeInfo(facts.span(node), text, shape, _dtype(value), provenance, origin)


def shape_hints(report: FileReport) -> list[ShapeHint]:
    """Shapes after assignment targets and unannotated parameters, where the engine knows them."""
    facts = report.facts
    if facts is None:
        return []
    hints: dict[tuple[int, int], ShapeHint] = {}
    by_target: dict[ast.AST, list[Value]] = {}
    for target, value in facts.assignments:
        if isinstance(target, (ast.Name, ast.Attribute)):
            by_target.setdefault(target, []).append(value)
    for param, values in _params(facts).items():
        if isinstance(param, ast.arg) and param.annotation is None and param.arg not in ("self", "cls"):
            by_target[param] = values
    for node, values in by_target.items():
        value = _agreed(facts, values)
        label = shape_label(facts, value, arrays_only=True) if value is not None else None
        if label is None:
            continue
        span = facts.span(node)
        hints[(span.end_line, span.end_col)] = ShapeHint(span.end_line, span.end_col, label)
    return [hints[k] for k in sorted(hints)]


def shape_label(facts: Facts, value: Value, arrays_only: bool = False) -> str | None:
    """How a value's shape is shown: ``(n, d)``; None when nothing useful is known."""
    from derivlint.shapes.values import ArrayV, ScalarV, TupleV

    if isinstance(value, ArrayV):
        if value.shape.variadic and not value.shape.dims:
            return None
        symbolic, concrete = facts.unifier.fmt_symbolic(value.shape), facts.fmt(value.shape)
        return symbolic if symbolic == concrete or arrays_only else f"{symbolic} = {concrete}"
    if arrays_only:
        return None
    if isinstance(value, ScalarV):
        return f"scalar ({value.kind})" if value.kind else "scalar"
    if isinstance(value, TupleV) and value.items and len(value.items) <= 6:
        parts = [shape_label(facts, v, arrays_only=True) for v in value.items]
        if all(parts):
            kind = "list" if value.is_list else "tuple"
            return f"{kind} of {', '.join(p for p in parts if p)}"
    return None


def _params(facts: Facts) -> dict[ast.AST, list[Value]]:
    out: dict[ast.AST, list[Value]] = {}
    for param, value in facts.params:
        out.setdefault(param, []).append(value)
    return out


def _agreed(facts: Facts, values: list[Value]) -> Value | None:
    """The value if every analysis agreed on its shape (a function called two ways shows none)."""
    labels = {shape_label(facts, v) for v in values}
    return values[-1] if len(labels) == 1 else None


def _dtype(value: Value) -> str | None:
    return getattr(value, "dtype", None) or getattr(value, "kind", None)


def _provenance(facts: Facts, node: ast.AST, value: Value) -> tuple[str, Span | None]:
    from derivlint.rules.common import place, source_text

    origin = value.origin
    reason = origin.reason
    line = origin.param("line")
    if reason.startswith("declared in markdown"):
        return reason.replace("declared", "annotated", 1), None
    declared_line = origin.param("declared_line")
    if isinstance(declared_line, int):
        return f"annotated {_at(place(facts, declared_line))}", Span(declared_line, 0, declared_line, 0)
    if reason.startswith("declared on line") and isinstance(line, int):
        return f"annotated {_at(place(facts, line))}", Span(line, 0, line, 0)
    source = origin.node
    if source is None or getattr(source, "lineno", None) is None:
        return "", None
    where = place(facts, source.lineno)  # type: ignore[attr-defined]
    span = facts.span(source)
    if isinstance(source, ast.arg):
        how = "annotated" if "declared" in reason else f"parameter {source.arg}"
        return f"{how} {_at(where)}", span
    if "declared" in reason:
        return f"annotated {_at(where)}", span
    if source is node:
        return f"computed here, {where}", span
    return f"from `{source_text(facts, source)}` {_at(where)}", span


def _at(where: str) -> str:
    """``in cell 2, line 1`` or ``on line 3``: a place as the hover says it."""
    return f"in {where}" if where.startswith("cell") else f"on {where}"
