"""Human-readable output: ``path:line:col: CODE [name] message``, then a summary.

A notebook location names its cell: ``path.ipynb:cell 3:2:5: S101 [shape-mismatch] ...``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from derivlint.output import display_path, place, plural

if TYPE_CHECKING:
    from derivlint.analysis import FileReport


def render(reports: Sequence[FileReport]) -> str:
    """One line per finding and a summary line."""
    lines = []
    for report in reports:
        path = display_path(report.path)
        for f in report.findings:
            where = place(report.program, f.span.line, f.span.col)
            cell = f"cell {where.cell}:" if where.cell is not None else ""
            lines.append(
                f"{path}:{cell}{where.line}:{where.column}: {f.code} [{f.name}] {f.message}"
            )
    lines.append(summary(reports))
    return "\n".join(lines) + "\n"


def summary(reports: Sequence[FileReport]) -> str:
    """``Found 3 findings (2 errors, 1 warning, 0 info) in 2 files.`` or ``All checks passed!``."""
    findings = [f for r in reports for f in r.findings]
    if not findings:
        return "All checks passed!"
    count = {sev: sum(f.severity == sev for f in findings) for sev in ("error", "warning", "info")}
    files = sum(bool(r.findings) for r in reports)
    return (
        f"Found {plural(len(findings), 'finding')} ({plural(count['error'], 'error')}, "
        f"{plural(count['warning'], 'warning')}, {count['info']} info) "
        f"in {plural(files, 'file')}."
    )
