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

    def check(self, facts: Facts) -> Iterable[Finding]:
        """The findings in ``facts``.

        Each finding is reported at the node (or span) of the fact it was found
        from: an event, a problem, an annotation issue or an entry of
        ``facts.values``. Other facts it reads are about nodes within that one
        (its operands), or reached from it (values looked up, origins). The language
        server relies on it: it checks an edited notebook cell with ``facts``
        holding only the facts about that cell (``Facts.about``), whose ``values``
        still look up any node. ``assert_expected_cells`` in the rule tests checks it.
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
