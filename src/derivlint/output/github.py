"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Lines of a ``.ipynb`` file are lines of its JSON, not of a cell, so a notebook
finding is a file-level annotation whose message starts with ``cell N:line:col``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from derivlint.output import display_path, place

if TYPE_CHECKING:
    from derivlint.analysis import FileReport

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def render(reports: Sequence[FileReport]) -> str:
    """One workflow command per finding."""
    out = []
    for report in reports:
        path = display_path(report.path)
        for f in report.findings:
            start = place(report.program, f.span.line, f.span.col)
            end = place(report.program, f.span.end_line, f.span.end_col)
            props = [("file", path)]
            message = f.message
            if start.cell is None:
                props += [
                    ("line", str(start.line)),
                    ("col", str(start.column)),
                    ("endLine", str(end.line)),
                    ("endColumn", str(end.column)),
                ]
            else:
                message = f"cell {start.cell}:{start.line}:{start.column}: {message}"
            props.append(("title", f"{f.code} {f.name}"))
            fields = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            out.append(f"::{_COMMAND.get(f.severity, 'error')} {fields}::{escape_data(message)}")
    return "".join(line + "\n" for line in out)


def escape_data(text: str) -> str:
    """Escape a command's message as @actions/core does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value (also ``:`` and ``,``, which delimit properties)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
