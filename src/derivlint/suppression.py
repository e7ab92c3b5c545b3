"""In-source suppression: ``# noqa`` on a line and ``# derivlint: disable-file``.

``# noqa`` alone silences every finding that starts on its line; ``# noqa: S102``
or ``# noqa: broadcast-outer-product, S101`` (commas and/or spaces, any case)
silences only those rules. ``# derivlint: disable-file`` in any comment of the
file (any code cell of a notebook) drops every finding, as ruff's ``# ruff: noqa``.

Comments are found by a small scanner that knows where string literals start and
end, so ``"# noqa"`` inside a string does not count; unlike ``tokenize`` it never
gives up on a file with a syntax error.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from derivlint.findings import Finding

if TYPE_CHECKING:
    from derivlint.sources import Program

# ruff's grammar: "noqa", then optionally ":" and codes; codes without the colon
# make a bare noqa (every rule), as in ruff and flake8.
_NOQA = re.compile(
    r"#\s*noqa(?![\w-])(?:\s*:\s*(?P<codes>[\w-]+(?:[\s,]+[\w-]+)*))?", re.IGNORECASE
)
_DISABLE_FILE = re.compile(r"#\s*derivlint\s*:\s*disable-file(?![\w-])", re.IGNORECASE)


def apply_suppressions(findings: list[Finding], program: Program) -> list[Finding]:
    """Drop the findings that a ``# noqa`` comment or ``# derivlint: disable-file`` silences."""
    if not findings:
        return findings
    if program.cells:
        return _notebook_suppressions(findings, program)
    comments = comments_by_line(program.text)
    if any(_DISABLE_FILE.search(c) for c in comments.values()):
        return []
    noqa = {line: _noqa_codes(text) for line, text in comments.items()}
    return [f for f in findings if not _silenced(f, noqa.get(f.span.line, frozenset()))]


def _notebook_suppressions(findings: list[Finding], program: Program) -> list[Finding]:
    """The same, read cell by cell: each cell's comments once per distinct text (the server
    checks a notebook on every keystroke, and most of its cells have not changed)."""
    cells = [(c.start_line, _cell_suppressions(program.cell_code(c))) for c in program.cells
             if c.start_line is not None]
    if any(disables for _, (disables, _) in cells):
        return []
    kept = []
    for f in findings:
        cell = program.cell_of_line(f.span.line)
        codes: frozenset[str] | None = frozenset()
        if cell is not None and cell.start_line is not None:
            noqa = _cell_suppressions(program.cell_code(cell))[1]
            codes = noqa.get(f.span.line - cell.start_line + 1, frozenset())
        if not _silenced(f, codes):
            kept.append(f)
    return kept


@functools.lru_cache(maxsize=4096)
def _cell_suppressions(code: str) -> tuple[bool, dict[int, frozenset[str] | None]]:
    """Whether a cell disables the file, and what each of its lines' ``# noqa`` silences."""
    comments = comments_by_line(code)
    disables = any(_DISABLE_FILE.search(c) for c in comments.values())
    return disables, {line: _noqa_codes(text) for line, text in comments.items()}


def _silenced(finding: Finding, codes: frozenset[str] | None) -> bool:
    if codes is None:
        return True
    return finding.code.lower() in codes or finding.name.lower() in codes


def _noqa_codes(comment: str) -> frozenset[str] | None:
    """The lower-cased codes/names a comment silences; ``None`` (bare noqa) means every rule."""
    match = _NOQA.search(comment)
    if match is None:
        return frozenset()
    if match.group("codes") is None:
        return None
    return frozenset(c.lower() for c in re.split(r"[\s,]+", match.group("codes")) if c)


def comments_by_line(text: str) -> dict[int, str]:
    """Each 1-based line's comment text (from ``#`` to the end of the line), strings skipped."""
    comments: dict[int, str] = {}
    line, i, n = 1, 0, len(text)
    quote: str | None = None  # the delimiter of the string we are inside, if any
    while i < n:
        ch = text[i]
        if quote is None:
            if ch == "#":
                end = text.find("\n", i)
                end = n if end < 0 else end
                comments[line] = text[i:end].rstrip("\r")
                i = end
                continue
            if ch in "'\"":
                quote = ch * 3 if text.startswith(ch * 3, i) else ch
                i += len(quote)
                continue
        elif ch == "\\":
            # an escaped character never closes the string (true for raw strings too)
            if i + 1 < n and text[i + 1] == "\n":
                line += 1
            i += 2
            continue
        elif text.startswith(quote, i):
            i += len(quote)
            quote = None
            continue
        elif ch == "\n" and len(quote) == 1:
            quote = None  # an unterminated one-line string ends at the line break
        if ch == "\n":
            line += 1
        i += 1
    return comments
