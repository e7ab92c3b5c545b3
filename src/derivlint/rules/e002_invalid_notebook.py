"""E002 invalid-notebook: a file derivlint could not load."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from derivlint.findings import Finding, Span
from derivlint.rules.base import Rule

if TYPE_CHECKING:
    from derivlint.shapes.facts import Facts


class InvalidNotebook(Rule):
    """Reports a notebook (or file) that cannot be read, so nothing in it was checked.

    ## What it does
    Reports an `.ipynb` file that is not valid JSON or not an nbformat 4
    notebook, any file that cannot be read or decoded, and a file too large to
    analyse. The finding sits at line 1, column 1 and carries the loader's
    error message.

    Too large means more than 1 MB of code (a `.py` file, or a notebook's code
    cells; outputs do not count): the analysis would take minutes and
    gigabytes, so a generated file would hang a commit hook or the editor.

    ## Why is this bad?
    Jupyter cannot open such a notebook either, and derivlint has no code to
    analyse: without this finding a broken file would pass every check
    silently. It usually comes from a merge conflict left in the JSON, a file
    truncated while saving, or a notebook written by hand.

    ## Example
    ```json
    {"cells": [{"cell_type": "code", "source": ["X @ w"]
    <<<<<<< HEAD
    ```

    ## Use instead
    Resolve the conflict or restore the notebook from version control, then
    open and save it in Jupyter so that it is valid nbformat 4 JSON again.

    ## Fix safety
    There is no automatic fix: derivlint never rewrites a file it cannot parse.

    ## References
    - [The Jupyter notebook format](https://nbformat.readthedocs.io/en/latest/format_description.html)
    """

    code = "E002"
    name = "invalid-notebook"
    severity = "error"

    def check(self, facts: Facts) -> Iterator[Finding]:
        error = facts.program.load_error
        if error:
            yield self.finding(Span(1, 0, 1, 0), error)
