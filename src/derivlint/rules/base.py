"""The rule interface: a rule reads the engine's facts and yields findings.

A rule's class docstring is its user documentation, in ruff's sections:
``## What it does``, ``## Why is this bad?``, ``## Example``, ``## Use instead``,
``## Fix safety``, ``## References``. ``derivlint rule`` and ``docs/rules/``
are generated from it, so the docs never drift from the code.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from derivlint.findings import Finding, Fix, Related, Span
from derivlint.rules.resources import resources_for

if TYPE_CHECKING:
    from derivlint.shapes.facts import Facts

DOCS_BASE = "https://derivlint.dev/rules/"


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    #: reading-path resource ids, primary first (see ``resources.py``)
    resources: ClassVar[tuple[str, ...]] = ()
    #: the seed exercise (1-6) this rule belongs to, if any
    exercise: ClassVar[int | None] = None
    #: codes whose findings a finding of this rule replaces when it explains the same
    #: bug: one on the same span, on an enclosing span, or on one of its related spans
    #: (``analysis.supersede``); ``("S101",)`` for a rule that says why shapes clash
    supersedes: ClassVar[tuple[str, ...]] = ()

    def check(self, facts: Facts) -> Iterable[Finding]:
        """The findings in ``facts``.

        ``facts`` may be a whole run's or only the facts about one notebook cell
        (``Facts.about``, whose ``values`` still look up any node): the language
        server checks an edited cell that way before the cells after it are re-run.
        Over one cell's facts a rule must not report anything the whole run would not
        report there; it may miss findings it reports in the cell from facts of other
        cells (N301 at an ``exp`` whose division is in a later cell): those follow
        with the rest of the notebook. ``assert_expected_cells`` in the rule tests
        checks it.
        """
        raise NotImplementedError

    @classmethod
    def url(cls) -> str:
        return f"{DOCS_BASE}{cls.name}/"

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        for line in cls.doc().splitlines():
            text = line.strip()
            if text and not text.startswith("#"):
                return text
        return cls.name

    def finding(
        self,
        span: Span,
        message: str,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=message,
            span=span,
            related=tuple(related),
            fix=fix,
            resources=resources_for(self.resources),
        )
