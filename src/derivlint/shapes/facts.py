"""What the engine found out about a program: facts for rules, hover and inlay hints.

The engine reports facts (the value of each expression, each operation with
its operands) and hard shape errors it proved (``Problem``). It knows nothing
of rules: rules read these and decide what to report.
"""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class Mark:
    """How far a run had got: the length of each list of facts, and the number of ``values``."""

    problems: int = 0
    events: int = 0
    annotation_issues: int = 0
    assignments: int = 0
    params: int = 0
    values: int = 0


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

    def mark(self) -> Mark:
        """The current length of every list of facts (``about`` reads only what comes after)."""
        return Mark(len(self.problems), len(self.events), len(self.annotation_issues),
                    len(self.assignments), len(self.params), len(self.values))

    def about(self, first: int, last: int, since: Mark | None = None, until: Mark | None = None) -> Facts:
        """The facts about program lines ``first..last``, among those recorded after ``since``
        (and before ``until``).

        The lists hold the problems, events, annotation issues, assignments and
        parameters whose node (or span) starts on those lines; ``values`` lists the
        values of nodes on those lines but looks up any node. A run records the facts
        about code when it runs that code, so with ``since`` the mark taken just
        before a notebook cell ran (and ``until`` the one taken after), this is what
        running the cell found, read without the facts of the other cells.
        """
        since = since or Mark()
        until = until or self.mark()

        def inside(node: object) -> bool:
            line = getattr(node, "lineno", None)
            return line is None or first <= line <= last  # no position: cannot tell, keep it

        tail = itertools.islice(self.values.items(), since.values, until.values)
        everything = self.values._everything if isinstance(self.values, RegionValues) else self.values
        return replace(
            self,
            problems=[p for p in self.problems[since.problems:until.problems] if inside(p.node)],
            events=[e for e in self.events[since.events:until.events] if inside(e.node)],
            annotation_issues=[a for a in self.annotation_issues[since.annotation_issues:until.annotation_issues]
                               if first <= a.span.line <= last],
            assignments=[a for a in self.assignments[since.assignments:until.assignments] if inside(a[0])],
            params=[a for a in self.params[since.params:until.params] if inside(a[0])],
            values=RegionValues({n: v for n, v in tail if inside(n)}, everything),
        )


class RegionValues(dict):
    """The values of one region's nodes (what iterating it gives), over a whole run's values.

    Looking a node up (``[]``, ``get``, ``in``) answers for any node of the run, as
    ``Facts.values`` does: a rule that follows an operand or an origin out of the
    region still finds its value.
    """

    def __init__(self, region: dict[ast.AST, Value], everything: dict[ast.AST, Value]) -> None:
        super().__init__(region)
        self._everything = everything

    def __missing__(self, node: ast.AST) -> Value:
        return self._everything[node]

    def get(self, node: ast.AST, default: Value | None = None) -> Value | None:  # type: ignore[override]
        return self._everything.get(node, default)

    def __contains__(self, node: object) -> bool:
        return node in self._everything

    def in_region(self, node: object) -> bool:
        """Whether ``node`` is one of the region's own nodes (not only looked up through it)."""
        return dict.__contains__(self, node)


def in_region(facts: Facts, node: object) -> bool:
    """Whether ``facts`` (the whole run's, or ``about`` one region) recorded a value for ``node``
    as one of its own: rules use it to skip work whose findings would land elsewhere."""
    values = facts.values
    return values.in_region(node) if isinstance(values, RegionValues) else node in values
