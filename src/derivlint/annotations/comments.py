"""Shape annotations written as comments.

Two forms (design.md 2.2):

* trailing, on a line with code: ``X = load()  # shape: (n, d)``;
* standalone, declaring several names: ``# shapes: X (n, d), y (n,), w (d,)``.

Comments are found with ``tokenize`` so that a ``#`` inside a string is not a
comment. The engine passes whole programs, often mid-edit: when tokenize gives
up, the rest of the text is scanned line by line, skipping string literals.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import NamedTuple

from derivlint.annotations.shape_text import MAX_TEXT, clip, matching_bracket, parse_shape
from derivlint.annotations.spec import ShapeSpec, SpecError

MAX_COMMENT = 2000  # a declaration line longer than this is not a real one

_TRAILING = re.compile(r"#+\s*shape\s*:", re.IGNORECASE)
_DECLARATIONS = re.compile(r"#+\s*shapes\s*:", re.IGNORECASE)
_EITHER = re.compile(r"#+\s*shapes?\s*:", re.IGNORECASE)  # a cheap test before tokenizing
_NAME = re.compile(r"[^\W\d][\w.]*")
_SECOND_COMMENT = re.compile(r"\s#(?:\s|$)")  # a second comment (suppressions) after the shape
_NOT_CODE = frozenset(
    {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
    }
)


@dataclass(frozen=True)
class Declaration:
    """One ``name (shape)`` of a ``# shapes:`` line; ``col`` is where ``name`` starts (0-based).

    ``name`` is ``""`` when the line is garbled before any name could be read.
    """

    line: int
    name: str
    spec: ShapeSpec | SpecError
    col: int = 0


@dataclass
class CommentAnnotations:
    """Everything the comments of one program text declare, by 1-based line."""

    trailing: dict[int, ShapeSpec | SpecError] = field(default_factory=dict)
    declarations: list[Declaration] = field(default_factory=list)
    comment_columns: dict[int, int] = field(default_factory=dict)


class Comment(NamedTuple):
    line: int
    col: int
    text: str
    after_code: bool


def comment_annotations(text: str) -> CommentAnnotations:
    """Read trailing ``# shape:`` comments and ``# shapes:`` declaration lines of ``text``."""
    found = CommentAnnotations()
    if not _EITHER.search(text):
        return found
    for comment in find_comments(text):
        if comment.after_code:
            match = _TRAILING.match(comment.text)
            if match:
                found.trailing[comment.line] = _trailing_spec(comment.text[match.end() :])
                found.comment_columns[comment.line] = comment.col
        else:
            match = _DECLARATIONS.match(comment.text)
            if match:
                start = comment.col + match.end()
                found.declarations.extend(
                    _declarations(comment.text[match.end() :], comment.line, start)
                )
                found.comment_columns[comment.line] = comment.col
    return found


def find_comments(text: str) -> list[Comment]:
    """Every comment of ``text``, with whether code precedes it on its line."""
    comments: list[Comment] = []
    code_lines: set[int] = set()
    resume = 1  # first line tokenize has not fully accounted for
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                row, col = tok.start
                comments.append(Comment(row, col, tok.string, row in code_lines))
            elif tok.type not in _NOT_CODE:
                code_lines.update(range(tok.start[0], tok.end[0] + 1))
            resume = tok.end[0] + 1 if tok.type in (tokenize.NEWLINE, tokenize.NL) else resume
    except (tokenize.TokenError, SyntaxError, ValueError):
        # keep what was read up to the last complete line, scan the rest by hand
        comments = [c for c in comments if c.line < resume]
        lines = text.split("\n")
        for row in range(resume, len(lines) + 1):
            comment = _scan_line(lines[row - 1], row)
            if comment is not None:
                comments.append(comment)
    return comments


def _scan_line(line: str, row: int) -> Comment | None:
    """The comment on one line, skipping string literals (fallback when tokenize fails)."""
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch == "#":
            return Comment(row, i, line[i:].rstrip("\r"), bool(line[:i].strip()))
        if ch in "'\"":
            quote = line[i : i + 3] if line[i : i + 3] == ch * 3 else ch
            end = _string_end(line, i + len(quote), quote)
            if end is None:
                return None  # the string runs past this line: no comment on it
            i = end
            continue
        i += 1
    return None


def _string_end(line: str, start: int, quote: str) -> int | None:
    i = start
    while i < len(line):
        if line[i] == "\\":
            i += 2
        elif line.startswith(quote, i):
            return i + len(quote)
        else:
            i += 1
    return None


def _trailing_spec(rest: str) -> ShapeSpec | SpecError:
    if len(rest) > MAX_COMMENT:
        return SpecError(f"shape comment is {len(rest)} characters long", clip(rest))
    text = _shape_part(rest.strip())
    if not text:
        return SpecError("'# shape:' is followed by no shape; write () or scalar for 0-d", rest)
    return parse_shape(text)


def _shape_part(rest: str) -> str:
    """The shape at the start of ``rest``; a remark after a closing bracket is ignored."""
    if rest[:1] in ("(", "["):
        end = matching_bracket(rest, 0, MAX_TEXT + 1)
        # "(n+1)*d" goes on as one expression; "(n, d) centred" ends at the bracket
        if end is not None and rest[end + 1 : end + 2] not in ("*", "+", "-"):
            return rest[: end + 1]
    second = _SECOND_COMMENT.search(rest)
    return rest[: second.start()].strip() if second else rest


def _declarations(rest: str, line: int, offset: int) -> list[Declaration]:
    """``X (n, d), y (n,), w "d"``: names with a bracketed, quoted or ``scalar`` shape."""
    if len(rest) > MAX_COMMENT:
        error = SpecError(f"shape declaration is {len(rest)} characters long", clip(rest))
        return [Declaration(line, "", error, offset)]
    found: list[Declaration] = []
    i = 0
    while True:
        while i < len(rest) and (rest[i].isspace() or rest[i] in ",;"):
            i += 1
        if i >= len(rest) or rest.startswith("# ", i):
            return found
        name_match = _NAME.match(rest, i)
        if name_match is None:
            message = f"expected a name at {clip(rest[i:], 20)!r} (# shapes: X (n, d), y (n,))"
            found.append(Declaration(line, "", SpecError(message, rest.strip()), offset + i))
            return found
        name, col = name_match.group(), offset + i
        i = name_match.end()
        while i < len(rest) and (rest[i].isspace() or rest[i] in ":="):
            i += 1
        spec, i = _declared_shape(rest, i, name)
        found.append(Declaration(line, name, spec, col))
        if isinstance(spec, SpecError):
            return found  # the rest of the line cannot be trusted to line up


def _declared_shape(rest: str, i: int, name: str) -> tuple[ShapeSpec | SpecError, int]:
    opener = rest[i : i + 1]
    if opener in ("(", "["):
        end = matching_bracket(rest, i)
        if end is None:
            return parse_shape(rest[i : i + MAX_TEXT + 1]), len(rest)
        return parse_shape(rest[i : end + 1]), end + 1
    if opener in ("'", '"'):
        end = rest.find(opener, i + 1)
        if end == -1:
            return SpecError(f"the quoted shape of {name} is never closed", rest[i:]), len(rest)
        return parse_shape(rest[i + 1 : end]), end + 1
    if rest[i : i + 6].lower() == "scalar":
        return parse_shape("scalar"), i + 6
    message = f"expected a shape in brackets after {name}, as in {name} (n, d)"
    return SpecError(message, clip(rest[i:], 40)), len(rest)


def cell_comment_annotations(cells: list[tuple[int, str]]) -> CommentAnnotations:
    """``comment_annotations`` of a notebook, cell by cell: ``(first program line, code)`` pairs.

    Each cell is read once per distinct text (an editor re-checks a notebook on
    every keystroke, and most cells have not changed), then moved to its lines.
    """
    found = CommentAnnotations()
    for first, code in cells:
        one = _cell_annotations(code) if "shape" in code.lower() else None
        if one is None:
            continue
        shift = first - 1
        found.trailing.update({line + shift: spec for line, spec in one.trailing.items()})
        found.comment_columns.update({line + shift: col for line, col in one.comment_columns.items()})
        found.declarations.extend(dataclasses.replace(d, line=d.line + shift) for d in one.declarations)
    return found


@functools.lru_cache(maxsize=4096)
def _cell_annotations(code: str) -> CommentAnnotations:
    return comment_annotations(code)
