"""Output formats for ``derivlint check``: text, json, sarif, github (one module each).

Each module has ``render(reports) -> str``. Findings carry program coordinates;
``place`` turns them into what users see: a 1-based notebook cell (or ``None``
for a ``.py`` file), a 1-based line within it and a 1-based column.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from derivlint.analysis import FileReport
    from derivlint.sources import Program

FORMATS = ("text", "json", "sarif", "github")


@dataclass(frozen=True)
class Place:
    cell: int | None  # 1-based index in the notebook's cells list; None for .py
    line: int  # 1-based, within the cell for a notebook
    column: int  # 1-based, in code points


def place(program: Program, line: int, col: int) -> Place:
    """Where program position (``line`` 1-based, ``col`` 0-based) is, as users count."""
    cell, cell_line, cell_col = program.locate(line, col)
    # Program.locate gives the 1-based index in the notebook's cells list.
    return Place(cell, cell_line, cell_col + 1)


def display_path(path: str | Path) -> str:
    """``path`` relative to the working directory when it is below it, with ``/`` separators."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            pass
    return p.as_posix()


def rule_url(code: str, name: str) -> str:
    """The documentation page of rule ``code`` (its ``url()``, or the docs pattern if unknown)."""
    from derivlint.rules.base import DOCS_BASE
    from derivlint.rules.registry import all_rules

    rule = all_rules().get(code)
    return rule.url() if rule is not None else f"{DOCS_BASE}{name}/"


def render(fmt: str, reports: Sequence[FileReport]) -> str:
    """Render ``reports`` in output format ``fmt`` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}")
    module = importlib.import_module(f"derivlint.output.{fmt}")
    return module.render(reports)


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word if count == 1 else word + 's'}"
