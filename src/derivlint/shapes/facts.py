"""What the engine found out about a program: facts for rules, hover and inlay hints.

The engine reports facts (the value of each expression, each operation with
its operands) and hard shape errors it proved (``Problem``). It knows nothing
of rules: rules read these and decide what to report.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from derivlint.shapes.shape import Shape, Unifier
from derivlint.shapes.values import Value

if TYPE_CHECKING:
    from derivlint.annotations.spec import SpecError
    from derivlint.findings import Span
    from derivlint.sources import Program


@dataclass(frozen=True)
class Operand:
    node: ast.AST
    value: Value


@dataclass(frozen=True)
class Problem:
    """A shape error the engine proved.

    ``kind`` is one of ``matmul``, ``broadcast``, ``concat``, ``reshape``,
    ``axis``, ``declared``. ``node`` is the expression that fails; ``operands``
    are the sub-expressions involved (for related information).
    """

    kind: str
    node: ast.AST
    message: str
    operands: tuple[Operand, ...] = ()


@dataclass(frozen=True)
class OpEvent:
    """One evaluated operation: an operator (``+``, ``@``, ...) or a modelled call."""

    node: ast.AST
    op: str
    operands: tuple[Operand, ...]
    result: Value


@dataclass(frozen=True)
class AnnotationIssue:
    span: Span
    error: SpecError


@dataclass
class Facts:
    program: Program
    unifier: Unifier = field(default_factory=Unifier)
    problems: list[Problem] = field(default_factory=list)
    events: list[OpEvent] = field(default_factory=list)
    annotation_issues: list[AnnotationIssue] = field(default_factory=list)
    #: the value each expression node had (the last context that evaluated it)
    values: dict[ast.AST, Value] = field(default_factory=dict)
    #: (target node, value) for each assignment target, for inlay hints
    assignments: list[tuple[ast.AST, Value]] = field(default_factory=list)
    #: (parameter ``ast.arg``, value) each time a function's parameters were bound
    params: list[tuple[ast.AST, Value]] = field(default_factory=list)
    #: whether the interpreter ran (files without numpy are only parsed)
    analysed: bool = False

    def fmt(self, shape: Shape) -> str:
        return self.unifier.fmt(shape)

    def span(self, node: ast.AST) -> Span:
        return self.program.span(node)
