"""Line scanning with :mod:`tokenize`: IPython masking and top-level statement starts.

``mask_ipython`` replaces magics, shell escapes and help queries so a notebook
cell parses as Python. Whether a line starts a logical line is decided by the
tokenizer, never by a per-line regex: a ``%`` at the start of a line inside
brackets or after a backslash is the modulo operator, not a magic. Masked lines
keep their line number, so every position in the cell stays valid.
``statement_starts`` finds where top-level statements begin, for the ``.py``
statement-level recovery in :mod:`derivlint.sources`.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Callable

#: states of a physical line, as seen by the tokenizer just before it reads the line
START = "start"  # begins a logical line (outside brackets, strings and continuations)
BRACKET = "bracket"  # continues a logical line inside open brackets
CONT = "cont"  # continues a string or a backslash-continued line

#: cell magics whose body is Python that runs in the kernel: only their first line is masked
PYTHON_BODY_CELL_MAGICS = frozenset(
    {"time", "timeit", "capture", "prun", "debug", "memit", "mprun", "snakeviz", "pyinstrument"}
)
#: IPython's escape characters: no Python logical line can start with one of them
_ESCAPES = "%!?/;,"
# IPython's own help-end target (``np.linalg.solve?``, ``np.*load*??``, ``a[0]?``)
_HELP_TARGET = re.compile(r"%{0,2}(?!\d)[\w*]+(?:\.(?!\d)[\w*]+|\[\d+\])*\??\?")
# keywords that only ever start a statement: seen at column 0 inside "open brackets",
# they mean a bracket above was never closed, so the tokenizer restarts there
_STATEMENT_ONLY = frozenset(
    {"def", "class", "import", "from", "with", "while", "try", "return", "raise", "del"}
    | {"global", "nonlocal", "assert", "pass", "break", "continue"}
)
# words at column 0 that continue a statement rather than start one
_CONTINUATIONS = frozenset({"else", "elif", "except", "finally", "and", "or", "in", "is", "as"})
_BRACKET_OPEN = frozenset("([{")
_BRACKET_CLOSE = frozenset(")]}")


def split_lines(text: str) -> list[str]:
    """Split on the newlines Python's parser counts (``\\n``, ``\\r\\n``, ``\\r``), keeping them."""
    return io.StringIO(text, newline="").readlines()


def scan_logical_lines(lines: list[str], visit: Callable[[int, str], str | None]) -> None:
    """Feed ``lines`` to the tokenizer one at a time, calling ``visit(index, state)`` first.

    ``visit`` returns the text the tokenizer should see for that line (so a
    masked magic never confuses it), or ``None`` to restart tokenizing at this
    line as a fresh logical line (``visit`` is then called again with START).
    The tokenizer reads lazily, so the state is exact when ``visit`` runs.
    Tokenizer errors (code being typed) restart it after the failing line:
    every line is visited, and the total work stays linear in practice.
    """
    n = len(lines)
    budget = 4 * n + 64  # restarts revisit lines; this bounds the pathological cases
    begin = 0
    while begin < n:
        run = _TokenizerRun(lines, begin, visit, budget)
        error_row = run.run()
        budget = run.budget
        if budget <= 0:
            for i in range(run.next, n):
                visit(i, CONT)
            return
        if run.restart_at is not None:
            begin = run.restart_at
        elif error_row is not None and begin + error_row < run.next:
            # e.g. an unterminated triple-quoted string swallowed the rest: resume after its start
            begin = max(begin + error_row, begin + 1)
        else:
            begin = run.next


class _TokenizerRun:
    """One pass of :mod:`tokenize` from line ``begin``, tracking bracket depth."""

    def __init__(
        self, lines: list[str], begin: int, visit: Callable[[int, str], str | None], budget: int
    ) -> None:
        self.lines, self.begin, self.visit, self.budget = lines, begin, visit, budget
        self.next = begin  # index of the next line to feed
        self.depth = 0
        self.last_type, self.last_row = -1, 0  # the last token seen, row relative to begin
        self.restart_at: int | None = None

    def readline(self) -> str:
        i = self.next
        if i >= len(self.lines) or self.restart_at is not None or self.budget <= 0:
            return ""
        row = i - self.begin + 1
        if i == self.begin:
            state = START
        elif self.last_type in (tokenize.NEWLINE, tokenize.NL) and self.last_row == row - 1:
            # the previous line ended in NEWLINE/NL: it was complete, not inside a string
            state = START if self.depth == 0 else BRACKET
        else:  # inside a multi-line string, or after a backslash
            state = CONT
        text = self.visit(i, state)
        if text is None:
            if i > self.begin:
                self.restart_at = i
                return ""  # ends this run; the next one starts at line i
            text = self.lines[i]  # already a fresh start: nothing to restart
        self.next += 1
        self.budget -= 1
        return text.replace("\0", " ")  # the parser reports null bytes; some tokenizers crash

    def run(self) -> int | None:
        """Tokenize until the end; the (relative) row of a tokenizer error, if any."""
        try:
            for tok in tokenize.generate_tokens(self.readline):
                if tok.type == tokenize.OP:
                    if tok.string in _BRACKET_OPEN:
                        self.depth += 1
                    elif tok.string in _BRACKET_CLOSE and self.depth:
                        self.depth -= 1
                self.last_type, self.last_row = tok.type, tok.start[0]
        except SyntaxError as exc:  # IndentationError, and tokenizer errors on 3.12+
            return exc.lineno
        except tokenize.TokenError as exc:
            pos = exc.args[1] if len(exc.args) > 1 else None
            return pos[0] if isinstance(pos, tuple) and pos else None
        except Exception:  # noqa: BLE001  a tokenizer bug must not take the file down
            return None  # go on after the last line read
        return None


def mask_ipython(code: str) -> tuple[str, set[int]]:
    """Replace IPython-only lines of one cell by Python that parses the same way.

    Returns the masked text (same number of lines; lines that are not IPython
    syntax are byte-identical) and the 1-based numbers of the masked lines.
    """
    lines = split_lines(code)
    first = _first_code_line(lines)
    if first is None:
        return code, set()
    fixed: dict[int, str] = {}  # lines decided before tokenizing: a cell magic's first line
    head = lines[first].lstrip(" \t\f")
    if head.startswith("%%"):
        name = head[2:].split(None, 1)[0] if head[2:].strip() else ""
        end = _continuation_end(lines, first)
        if name not in PYTHON_BODY_CELL_MAGICS:  # %%bash, %%writefile, %%html...: not Python
            end = len(lines) - 1
        fixed[first] = _pass_line(lines[first], top=True)
        for i in range(first + 1, end + 1):
            fixed[i] = _blank_line(lines[i])
    if not any(_may_be_ipython(line) for line in lines[first + len(fixed) :]):
        # fast path: nothing left could be IPython syntax, so no need to tokenize
        return _join(lines, fixed), {i + 1 for i in fixed}
    masked = _mask_lines(lines, fixed)
    if first in masked and masked[first].lstrip().startswith("pass"):
        masked[first] = _pass_line(lines[first], top=True)  # IPython dedents a cell's first line
    return _join(lines, masked), {i + 1 for i in masked}


def _mask_lines(lines: list[str], fixed: dict[int, str]) -> dict[int, str]:
    """Decide line by line, with the tokenizer's state, which lines are IPython syntax."""
    masked = dict(fixed)
    continued_until = -1  # last line of a masked magic's ``\\`` continuation

    def visit(i: int, state: str) -> str:
        nonlocal continued_until
        if i in fixed:
            return fixed[i]
        if i <= continued_until:
            masked[i] = _blank_line(lines[i])
            return masked[i]
        masked.pop(i, None)  # a restart may revisit a line in another state
        if state != START:
            return lines[i]
        replacement = _mask_statement(lines[i])
        if replacement is None:
            return lines[i]
        masked[i] = replacement
        continued_until = _continuation_end(lines, i)
        return replacement

    scan_logical_lines(lines, visit)
    return masked


def _mask_statement(line: str) -> str | None:
    """The masked form of a line that starts a logical line, or None if it is Python."""
    body = line.lstrip(" \t\f").rstrip("\r\n")
    if not body or body.startswith("#"):
        return None
    if body[0] in _ESCAPES:  # %magic, !shell, ?help, /autocall, ;quote, ,quote
        return _pass_line(line)
    if body.rstrip().endswith("?") and _HELP_TARGET.fullmatch(body.rstrip()):
        return _pass_line(line)
    if "=" in body and ("!" in body or "%" in body):
        cut = _magic_assignment_cut(line)
        if cut is not None:  # ``files = !ls``: keep ``files =`` so the name stays bound
            content = line.rstrip("\r\n")
            return (content[:cut] + " ...").ljust(len(content)) + line[len(content) :]
    return None


def _magic_assignment_cut(line: str) -> int | None:
    """Column just after the ``=`` of ``target = !cmd`` / ``target = %magic``, else None."""
    content = line.rstrip("\r\n").lstrip(" \t\f")
    indent = len(line) - len(line.lstrip(" \t\f"))
    depth = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(content).readline):
            if tok.type == tokenize.OP:
                if tok.string in _BRACKET_OPEN:
                    depth += 1
                elif tok.string in _BRACKET_CLOSE:
                    depth -= 1
                elif tok.string == "=" and depth == 0:
                    rest = content[tok.end[1] :].lstrip()
                    if rest[:1] in ("!", "%") and not rest.startswith(("!=", "%=")):
                        return indent + tok.end[1]
                    return None
            elif tok.type in (tokenize.NEWLINE, tokenize.COMMENT):
                return None
    except Exception:  # noqa: BLE001, S110  (TokenError, SyntaxError, tokenizer bugs): not a magic
        pass
    return None


def _may_be_ipython(line: str) -> bool:
    """Cheap pre-filter: could this line be IPython syntax at all?"""
    body = line.strip()
    if not body:
        return False
    if body[0] in _ESCAPES or body.endswith("?"):
        return True
    return "=" in body and ("!" in body or "%" in body)


def _continuation_end(lines: list[str], i: int) -> int:
    """Last line of the magic starting at ``i``: IPython joins lines ending in a backslash."""
    while i + 1 < len(lines) and lines[i].rstrip("\r\n").endswith("\\"):
        i += 1
    return i


def _first_code_line(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if line.strip():
            return i
    return None


def _pass_line(line: str, top: bool = False) -> str:
    """``pass`` at the line's indentation (a block never becomes empty), padded to its length."""
    content = line.rstrip("\r\n")
    indent = "" if top else content[: len(content) - len(content.lstrip(" \t\f"))]
    return (indent + "pass").ljust(len(content)) + line[len(content) :]


def _blank_line(line: str) -> str:
    content = line.rstrip("\r\n")
    return line[len(content) :]


def _join(lines: list[str], masked: dict[int, str]) -> str:
    return "".join(masked.get(i, line) for i, line in enumerate(lines))


def statement_starts(lines: list[str]) -> list[int]:
    """0-based indexes of lines where a top-level statement starts, found with tokenize.

    Inside brackets never closed (mid-typing), a line at column 0 that begins
    with a name still counts: it is far likelier a new statement than a
    continuation, and guessing so keeps the rest of the file analysable.
    """
    is_start = bytearray(len(lines))
    decorated = False

    def visit(i: int, state: str) -> str | None:
        nonlocal decorated
        line = lines[i]
        is_start[i] = 0
        first = line[:1]
        if state == START and first and first not in " \t\f\r\n#\\":
            if leading_word(line) in _CONTINUATIONS:
                pass
            elif decorated:  # the def/class under a decorator continues its statement
                decorated = first == "@"
            else:
                is_start[i] = 1
                decorated = first == "@"
        elif state == BRACKET and (first.isalpha() or first == "_"):
            word = leading_word(line)
            if word in _STATEMENT_ONLY:
                return None  # restart the tokenizer here, outside the unclosed bracket
            if word not in _CONTINUATIONS:
                is_start[i] = 1
        return line

    scan_logical_lines(lines, visit)
    return [i for i, flag in enumerate(is_start) if flag]


def leading_word(line: str) -> str:
    """The identifier or keyword the line starts with ('' if none)."""
    end = 0
    while end < len(line) and (line[end].isalnum() or line[end] == "_"):
        end += 1
    return line[:end]
