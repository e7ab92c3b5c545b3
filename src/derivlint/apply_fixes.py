"""``derivlint check --fix``: apply fixes to a file's text, re-check, write atomically.

Edits are in program coordinates; here they become offsets in the raw file
text. Bytes outside the edits are kept exactly (a BOM, ``\\r\\n`` line endings;
in a notebook, everything but the edited cells' ``"source"`` values).
"""

from __future__ import annotations

import ast
import itertools
import os
import re
import stat
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from derivlint.findings import Edit, Finding, Fix, Span
from derivlint.fixes import chosen_fixes
from derivlint.ipython_mask import mask_ipython, split_lines
from derivlint.sources import Program

T = TypeVar("T")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

#: fix + re-check rounds per file: overlapping fixes wait for the next round
MAX_ROUNDS = 10


@dataclass
class FixOutcome:
    path: str
    original: str  # the raw text as read
    text: str  # the raw text after fixing (== original when nothing applied)
    fixed: int  # fixes applied
    report: object  # the FileReport of ``text``
    #: why fixable findings were left, for the user (stderr)
    notes: list[str] = field(default_factory=list)
    encoding: str = "utf-8"  # the file's own, to write ``text`` back in


def fix_file(path: str, config: object = None, unsafe: bool = False) -> FixOutcome:
    """Check ``path``, apply fixes and re-check, up to MAX_ROUNDS times; nothing is written."""
    from derivlint.analysis import check_program
    from derivlint.sources import load_path, program_from_text

    program = load_path(path)
    report = check_program(program, config)  # type: ignore[arg-type]
    original, fixed, encoding = program.raw, 0, program.encoding
    notes: list[str] = []
    for _ in range(MAX_ROUNDS):
        if program.load_error is not None:
            break
        text, applied = apply_fixes(program, report.findings, unsafe)
        if not applied:
            notes += _why_not_fixed(program, report.findings, unsafe)
            break
        fixed += applied
        program = program_from_text(text, path)
        report = check_program(program, config)  # type: ignore[arg-type]
    else:
        if apply_fixes(program, report.findings, unsafe)[1]:
            notes.append(f"fixes did not converge after {MAX_ROUNDS} rounds; fixable findings are left")
    text = program.raw if fixed else original
    return FixOutcome(path, original, text, fixed, report, notes, encoding)


def _why_not_fixed(program: Program, findings: list[Finding], unsafe: bool) -> list[str]:
    """A .py file's fixes apply only if the whole file parses: say so, rather than skip silently."""
    left = len(chosen_fixes(findings, unsafe))
    if program.kind != "py" or not left or not program.syntax_errors:
        return []
    line = program.syntax_errors[0].span.line
    why = f"the file has a syntax error (line {line}); fixes are applied only to a file that parses"
    return [f"{left} fixable finding{'s' * (left != 1)} not fixed: {why}"]


def apply_fixes(program: Program, findings: list[Finding], unsafe: bool = False) -> tuple[str, int]:
    """The raw text with the chosen fixes applied, and how many were applied."""
    fixes = [f for f in chosen_fixes(findings, unsafe) if not on_masked_line(program, f)]
    apply = _apply_notebook if program.kind == "ipynb" else _apply_python
    text, applied = all_or_first(fixes, lambda some: apply(program, some))
    return (program.raw, 0) if text is None else (text, applied)


def all_or_first(fixes: list[Fix], apply: Callable[[list[Fix]], T | None]) -> tuple[T | None, int]:
    """Every fix that applies on its own, all together; if together they break parsing, the first
    (the rest wait for the next round). ``apply`` gives None where the result would not do."""
    valid = [f for f in fixes if apply([f]) is not None]
    while valid:
        out = apply(valid)
        if out is not None:
            return out, len(valid)
        valid = valid[:1]
    return None, 0


def on_masked_line(program: Program, fix: Fix) -> bool:
    """A fix touching a masked IPython line (``%timeit``, ``!pip``): never applied."""
    return any(
        line in program.masked_lines
        for e in fix.edits
        for line in range(e.span.line, e.span.end_line + 1)
    )


def _apply_python(program: Program, fixes: list[Fix]) -> str | None:
    raw = program.raw
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = apply_edits(raw[len(bom) :], [e for f in fixes for e in f.edits])
    if text is None or not parses(text):
        return None
    return bom + text


def _apply_notebook(program: Program, fixes: list[Fix]) -> str | None:
    from derivlint.notebook_json import NotebookJSONError, encode_source, source_spans

    by_cell: dict[int, list[Edit]] = {}
    for edit in (e for f in fixes for e in f.edits):
        cell = program.cell_of_line(edit.span.line)
        if (
            cell is None
            or cell.start_line is None
            or program.cell_of_line(edit.span.end_line) is not cell
        ):
            return None  # outside a code cell, or across cells
        first = cell.start_line - 1
        span = Span(
            edit.span.line - first, edit.span.col, edit.span.end_line - first, edit.span.end_col
        )
        by_cell.setdefault(cell.index, []).append(Edit(span, edit.new_text))
    try:
        spans = source_spans(program.raw)
    except NotebookJSONError:
        return None
    raw = program.raw
    for index in sorted(by_cell, reverse=True):  # from the end: earlier offsets stay valid
        cell = program.cells[index - 1]
        span = spans[index - 1] if index <= len(spans) else None
        if span is None or _decoded_source(raw, span) != cell.source:
            return None  # not the notebook we analysed (e.g. nbformat 3): leave it alone
        source = apply_edits(cell.source, by_cell[index])
        if source is None or not parses(
            mask_ipython(source.replace("\r\n", "\n").replace("\r", "\n"))[0]
        ):
            return None
        value = encode_source(raw, span, source)
        if _decoded_source(value, (0, len(value))) != source:
            return None
        raw = raw[: span[0]] + value + raw[span[1] :]
    return raw


def _decoded_source(raw: str, span: tuple[int, int]) -> str | None:
    import json

    value = json.loads(raw[span[0] : span[1]])
    if isinstance(value, list) and all(isinstance(s, str) for s in value):
        return "".join(value)
    return value if isinstance(value, str) else None


def apply_edits(text: str, edits: list[Edit]) -> str | None:
    """``text`` with ``edits`` (1-based lines, code-point columns in ``text``) applied.

    None if an edit lies outside the text or two edits overlap. A ``"\\n"`` in an
    edit's new text (or ``"\\r\\n"``, ``"\\r"``) becomes the text's own line ending.
    """
    lines = split_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    first = lines[0] if lines else ""
    newline = first[len(first.rstrip("\r\n")) :] or "\n"  # "\r" in an old Mac file too

    def offset(line: int, col: int) -> int | None:
        if not 0 < line <= len(starts):
            return None
        content = len(lines[line - 1].rstrip("\r\n")) if line <= len(lines) else 0
        return None if not 0 <= col <= content else starts[line - 1] + col

    placed = []
    for edit in edits:
        s = edit.span
        start, end = offset(s.line, s.col), offset(s.end_line, s.end_col)
        if start is None or end is None or end < start:
            return None
        placed.append((start, end, _LINE_BREAK.sub(newline, edit.new_text)))
    placed.sort()
    for (_, end, _), (start, _, _) in itertools.pairwise(placed):
        if start < end:
            return None
    for start, end, new in reversed(placed):
        text = text[:start] + new + text[end:]
    return text


def parses(code: str) -> bool:
    """Whether ``code`` is Python the parser takes (warnings silenced)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


class WriteError(OSError):
    """The fixed text could not be written; the message says why."""


def write_atomic(path: str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:  # a fix brought in a character the file's encoding lacks
        raise WriteError(f"{path}: cannot write fixes: {exc.reason} in {encoding}") from exc
    target = os.path.realpath(path)  # a symlink stays a symlink
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write fixes: {exc.strerror or exc}") from exc
    if not mode & 0o222:
        raise WriteError(f"{path}: cannot write fixes: the file is read-only")
    folder = os.path.dirname(target) or "."
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".derivlint-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise WriteError(f"{path}: cannot write fixes: {why} (folder {folder})") from exc
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
