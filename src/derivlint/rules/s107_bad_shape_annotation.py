"""S107: a shape annotation that cannot be parsed."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.shapes.facts import Facts


class BadShapeAnnotation(Rule):
    """## What it does
    Reports a shape annotation the engine cannot read: a jaxtyping string, a
    `# shape:` comment, a `# shapes:` line or a docstring shape such as
    `(n, d` or `n $ d`. The file is still checked; the annotation is ignored.
    Nothing in an annotation is ever evaluated.

    ## Why is this bad?
    A declaration that does not parse checks nothing, silently: the mistake
    it was written to catch goes through.

    ## Example
    ```python
    X = load()  # shape: (n, d
    ```

    ## Use instead
    ```python
    X = load()  # shape: (n, d)
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - The derivlint annotation syntax (design.md, section 2).
    """

    code = "S107"
    name = "bad-shape-annotation"
    severity = "warning"
    resources = ("mml: ch. 2",)

    def check(self, facts: Facts) -> Iterable[Finding]:
        for issue in facts.annotation_issues:
            yield self.finding(issue.span, f"cannot parse shape annotation {issue.error.text!r}: {issue.error.message}")
