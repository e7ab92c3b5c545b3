"""E001: syntax errors."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.shapes.facts import Facts


class SyntaxError_(Rule):
    """## What it does
    Reports code that Python cannot parse: a cell or a top-level statement
    with a syntax error (often mid-typing), a Python 2 statement such as
    `print x`, or syntax newer than the running Python.

    ## Why is this bad?
    Nothing in the broken cell or statement can be checked. The rest of the
    file still is: only the broken part is skipped.

    ## Example
    ```python
    print X.shape
    ```

    ## Use instead
    ```python
    print(X.shape)
    ```

    ## Fix safety
    No fix is offered.

    ## References
    - The Python tutorial, "Errors and Exceptions".
    """

    code = "E001"
    name = "syntax-error"
    severity = "error"

    def check(self, facts: Facts) -> Iterable[Finding]:
        for problem in facts.program.known_syntax_errors():
            yield self.finding(problem.span, f"syntax error: {problem.message}")
