"""Turn a ``.py`` file or an ``.ipynb`` notebook into one program plus a position map.

The shape engine parses nothing itself: it reads ``Program.tree``, whose line
numbers are *program* coordinates (a notebook's code cells joined with ``"\\n"``
in document order). ``Program.locate`` turns them into what users see.
"""

from __future__ import annotations

import ast
import bisect
import functools
import os
import warnings
from dataclasses import dataclass, field
from functools import cached_property

from derivlint.findings import Span
from derivlint.ipython_mask import leading_word, mask_ipython, split_lines, statement_starts

__all__ = [
    "CellInfo",
    "Program",
    "SyntaxProblem",
    "load_path",
    "mask_ipython",
    "program_from_cells",
    "program_from_python",
    "program_from_text",
]

#: bound on statement-level recovery rounds in one ``.py`` file
MAX_RECOVERY_ROUNDS = 100
#: code (characters) beyond which a file is not analysed: the engine takes ~10-20 s a
#: megabyte and ~6 GB of memory per 20 MB, so a 50 MB generated file would hang a
#: commit hook or the editor; such a file gets E002 instead
MAX_CODE_CHARS = 1_000_000
_PARSE_ERRORS = (SyntaxError, ValueError)  # ValueError: null bytes on some Python versions
_ALL_PARSE_ERRORS = (*_PARSE_ERRORS, RecursionError, MemoryError)  # deep nesting
_COMPOUND = frozenset({"def", "class", "if", "for", "while", "with", "try", "async", "match"})


@dataclass(frozen=True)
class CellInfo:
    index: int  # 1-based index in the notebook's cells list (markdown and raw cells count)
    kind: str  # "code" | "markdown" | "raw"
    source: str  # cell text exactly as in the notebook
    start_line: int | None  # program line of a code cell's first line; None otherwise
    line_count: int  # program lines a code cell occupies; 0 otherwise


@dataclass(frozen=True)
class SyntaxProblem:
    span: Span  # program coordinates
    message: str


@dataclass
class Program:
    """A file as the engine reads it.

    A notebook's cells are parsed when first needed, each on its own and cached
    by text and place: the language server's check of the edited cell does not
    wait for the cells after it to be parsed.
    """

    path: str
    kind: str  # "py" | "ipynb"
    text: str  # masked code; for a notebook, the code cells joined with "\n"
    _tree: ast.Module | None  # None: a notebook whose cells are parsed on demand
    _syntax_errors: list[SyntaxProblem] | None
    cells: list[CellInfo] = field(default_factory=list)  # [] for .py
    raw: str = ""  # the file's text exactly as read ("" when built from cells)
    load_error: str | None = None
    masked_lines: frozenset[int] = frozenset()
    #: how ``raw`` was encoded on disk: UTF-8 unless a .py file declares another (PEP 263)
    encoding: str = "utf-8"
    #: syntax errors of the notebook cells parsed so far, by cell index
    _cell_errors: dict[int, SyntaxProblem] = field(default_factory=dict, repr=False)
    #: the tree (or parse error) of each notebook cell parsed so far, by cell index
    _parsed: dict[int, ast.Module | BaseException] = field(default_factory=dict, repr=False)

    @property
    def tree(self) -> ast.Module:
        """Every statement that parsed, in program coordinates."""
        if self._tree is None:
            body = [stmt for c in self.cells if c.start_line is not None for stmt in self.cell_body(c)]
            self._tree = ast.Module(body, [])
        return self._tree

    @property
    def syntax_errors(self) -> list[SyntaxProblem]:
        if self._syntax_errors is None:
            self.tree  # noqa: B018  parses every cell
            self._syntax_errors = [self._cell_errors[i] for i in sorted(self._cell_errors)]
        return self._syntax_errors

    def known_syntax_errors(self) -> list[SyntaxProblem]:
        """The syntax errors found so far (a notebook's unparsed cells not included)."""
        if self._syntax_errors is not None or not self.cells:
            return self.syntax_errors
        return [self._cell_errors[i] for i in sorted(self._cell_errors)]

    def statements_at(self, lines: set[int]) -> list[ast.stmt]:
        """The top-level statements spanning any of ``lines`` (parses only the cells needed)."""
        if self._tree is not None or not self.cells:
            body = self.tree.body
        else:
            cells = {self.cell_of_line(line) for line in lines} - {None}
            body = [stmt for c in sorted(cells, key=lambda c: c.index) for stmt in self.cell_body(c)]  # type: ignore[union-attr]
        return [s for s in body if any(s.lineno <= line <= (s.end_lineno or s.lineno) for line in lines)]

    def cell_code(self, cell: CellInfo) -> str:
        """A code cell's program text (IPython syntax masked): the same object while the cell's
        text stays the same, so caches keyed by it cost no hashing of unchanged cells."""
        return _masked_cell(cell.source)[0]

    def cell_tree(self, cell: CellInfo) -> ast.Module | None:
        """The tree of a code cell (None: it does not parse), the one ``cell_body`` reads."""
        self.cell_body(cell)
        parsed = self._parsed.get(cell.index)
        return parsed if isinstance(parsed, ast.Module) else None

    def parsed_trees(self) -> dict[int, ast.Module]:
        """The trees of the cells parsed so far (those given by ``reuse_trees`` included), by index."""
        return {index: tree for index, tree in self._parsed.items() if isinstance(tree, ast.Module)}

    def reuse_trees(self, trees: dict[int, ast.Module]) -> None:
        """Give cells (by index) the trees another program parsed from the same code, at the same
        place, before they are parsed here: facts about those nodes then hold for this program."""
        for index, tree in trees.items():
            self._parsed.setdefault(index, tree)

    def parses_like(self, cell: CellInfo, tree: ast.Module) -> bool:
        """Whether code cell ``cell`` parses to a tree equal to ``tree``, positions included."""
        if cell.start_line is None:
            return False
        first, last = cell.start_line, cell.start_line + cell.line_count - 1
        try:
            mine = _parse_at("\n".join(self.lines[first - 1 : last]), first, self.path)
        except _ALL_PARSE_ERRORS:
            return False
        return ast.dump(mine, include_attributes=True) == ast.dump(tree, include_attributes=True)

    def cell_body(self, cell: CellInfo) -> list[ast.stmt]:
        """The statements of one code cell (none if it does not parse: see ``syntax_errors``)."""
        if cell.start_line is None:
            return []
        first, last = cell.start_line, cell.start_line + cell.line_count - 1
        parsed = self._parsed.get(cell.index)
        if parsed is None:
            code = "\n".join(self.lines[first - 1 : last])
            # each cell alone: an error hides nothing else
            parsed = self._parsed[cell.index] = _parse_cell(code, first, self.path)
        if isinstance(parsed, ast.Module):
            return parsed.body
        self._cell_errors[cell.index] = _problem(parsed, self.lines, first, last)
        return []

    @cached_property
    def lines(self) -> list[str]:
        """Program lines without endings, split where Python's parser splits them."""
        if "\r" not in self.text:  # only "\n" ends lines (always so in a notebook): split in C
            lines = self.text.split("\n")
            if lines[-1] == "":
                lines.pop()  # a final newline ends the last line, it does not start one
            return lines
        return [line.rstrip("\r\n") for line in split_lines(self.text)]

    def span(self, node: ast.AST) -> Span:
        """``node``'s range in code-point columns (ast counts UTF-8 bytes)."""
        if getattr(node, "lineno", None) is None:  # e.g. ast.arguments: span its children
            spans = [self.span(n) for n in ast.walk(node) if getattr(n, "lineno", None)]
            if not spans:
                raise ValueError(f"{type(node).__name__} node has no position")
            first, last = min(spans), max(spans, key=lambda s: (s.end_line, s.end_col))
            return Span(first.line, first.col, last.end_line, last.end_col)
        line: int = node.lineno  # type: ignore[attr-defined]
        col: int = getattr(node, "col_offset", 0)
        end_line: int = getattr(node, "end_lineno", None) or line
        end_col: int | None = getattr(node, "end_col_offset", None)
        return Span(
            line,
            self._code_points(line, col),
            end_line,
            self._code_points(end_line, col if end_col is None else end_col),
        )

    def _code_points(self, line: int, byte_col: int) -> int:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))

    @cached_property
    def _code_cells(self) -> tuple[list[int], list[CellInfo]]:
        code = [c for c in self.cells if c.start_line is not None]
        return [c.start_line or 0 for c in code], code

    def locate(self, line: int, col: int) -> tuple[int | None, int, int]:
        """Program ``(line, col)`` -> ``(cell index or None for .py, line in cell, col)``."""
        starts, code = self._code_cells
        if self.kind != "ipynb" or not code:
            return None, line, col
        i = max(bisect.bisect_right(starts, line) - 1, 0)
        # out-of-range lines (an error at EOF) are clamped into the nearest cell
        within = min(max(line - starts[i] + 1, 1), max(code[i].line_count, 1))
        return code[i].index, within, col

    def to_program(self, cell: int | None, line: int, col: int) -> tuple[int, int]:
        """Cell ``(cell, line, col)`` -> program ``(line, col)``; the inverse of ``locate``."""
        if cell is None:
            return line, col
        info = next((c for c in self.cells if c.index == cell), None)
        if info is None or info.start_line is None:
            raise ValueError(f"cell {cell} is not a code cell of {self.path}")
        return info.start_line + line - 1, col

    def cell_of_line(self, line: int) -> CellInfo | None:
        """The code cell that program ``line`` belongs to (None for .py or out of range)."""
        starts, code = self._code_cells
        i = bisect.bisect_right(starts, line) - 1
        if i < 0 or line >= starts[i] + code[i].line_count:
            return None
        return code[i]


def load_path(path: str) -> Program:
    """Read ``path`` (UTF-8, or the encoding a .py declares) into a Program; an unreadable file
    gives ``load_error``."""
    kind = _kind_of(path)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if kind == "py" and size > 4 * MAX_CODE_CHARS:  # too large whatever it holds: not read
                return _unloadable(path, kind, _too_large(size))
            data = f.read()
    except OSError as exc:
        return _unloadable(path, kind, f"cannot read file: {exc.strerror or exc}")
    # a .py file may declare another encoding (PEP 263): Python reads it, so must we
    encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = (_declared_encoding(data) if kind == "py" else None) or "utf-8"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
            return _unloadable(path, kind, f"not valid {encoding.upper()}: {where}")
    program = program_from_text(text, path)
    program.encoding = encoding
    return program


def _declared_encoding(data: bytes) -> str | None:
    """The PEP 263 encoding a ``.py`` file declares (``# -*- coding: latin-1 -*-``), if not UTF-8."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:  # an unknown encoding, or a BOM with a non-UTF-8 cookie
        return None
    return None if encoding in ("utf-8", "utf-8-sig") else encoding


def program_from_text(text: str, path: str) -> Program:
    """A Program from in-memory text; a ``.ipynb`` path means ``text`` is notebook JSON."""
    if _kind_of(path) == "ipynb":
        return _program_from_notebook_json(text, path)
    return program_from_python(text, path)


def program_from_python(text: str, path: str, *, ipython: bool = False) -> Program:
    """A ``.py`` program with statement-level recovery.

    ``ipython=True`` masks IPython syntax too: for notebook code that a client
    sends as one Python document (jupyterlab-lsp joins the cells itself).
    """
    source = text.removeprefix("\ufeff")  # the parser rejects a BOM in str
    if len(source) > MAX_CODE_CHARS:
        return _unloadable(path, "py", _too_large(len(source)), raw=text)
    masked: set[int] = set()
    if ipython:
        source, masked = mask_ipython(source)
    body, problems = _parse_with_recovery(source, path)
    return Program(
        path, "py", source, ast.Module(body, []), problems, [], text, None, frozenset(masked)
    )


def program_from_cells(cells: list[tuple[str, str]], path: str) -> Program:
    """A notebook Program from ``(kind, source)`` pairs (the language server's notebook sync)."""
    return _build_notebook(cells, path, raw="")


def _program_from_notebook_json(text: str, path: str) -> Program:
    import json

    import nbformat  # lazily: costly to import, and .py files never need it

    captured: dict[str, Exception] = {}
    try:
        with warnings.catch_warnings():  # e.g. MissingIDFieldWarning: not the user's concern here
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4, capture_validation_error=captured)
        cells = _cells_of(nb)
    except Exception as exc:  # noqa: BLE001  nbformat raises many types on bad input; never crash
        cause = exc.__cause__ if isinstance(exc.__cause__, json.JSONDecodeError) else exc
        return _unloadable(path, "ipynb", f"not a valid notebook: {_one_line(cause)}", raw=text)
    # A notebook that only fails the schema (say, a missing "outputs") opens in Jupyter,
    # so it is analysed; one whose cells are unusable was rejected by _cells_of above.
    return _build_notebook(cells, path, raw=text)


def _cells_of(nb: object) -> list[tuple[str, str]]:
    """The ``(kind, source)`` pairs of a notebook node, or TypeError saying what is wrong."""
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise TypeError('no "cells" list')
    out = []
    for i, cell in enumerate(cells, 1):
        kind = cell.get("cell_type") if isinstance(cell, dict) else None
        source = cell.get("source") if isinstance(cell, dict) else None
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if not isinstance(kind, str) or not isinstance(source, str):
            raise TypeError(f'cell {i} needs a "cell_type" and a string "source"')
        out.append((kind, source))
    return out


def _build_notebook(cells: list[tuple[str, str]], path: str, raw: str) -> Program:
    size = sum(len(source) for kind, source in cells if kind == "code")
    if size > MAX_CODE_CHARS:  # outputs do not count: only the code is analysed
        return _unloadable(path, "ipynb", _too_large(size), raw=raw)
    infos: list[CellInfo] = []
    pieces: list[str] = []
    masked: set[int] = set()
    line = 1
    for index, (kind, source) in enumerate(cells, 1):
        if kind != "code":
            infos.append(CellInfo(index, kind if kind == "markdown" else "raw", source, None, 0))
            continue
        code, masked_here, count = _masked_cell(source)
        infos.append(CellInfo(index, "code", source, line, count))
        pieces.append(code)
        if masked_here:
            masked.update(line + m - 1 for m in masked_here)
        line += count
    text = "\n".join(pieces)
    return Program(path, "ipynb", text, None, None, infos, raw, None, frozenset(masked))


@functools.lru_cache(maxsize=4096)
def _masked_cell(source: str) -> tuple[str, frozenset[int], int]:
    """A code cell with IPython syntax masked, and its line count (cached: notebooks are
    re-read on every edit)."""
    code, masked = mask_ipython(source.replace("\r\n", "\n").replace("\r", "\n"))
    return code, frozenset(masked), code.count("\n") + 1


@functools.lru_cache(maxsize=4096)
def _parse_cell(code: str, first_line: int, path: str) -> ast.Module | BaseException:
    """A cell's tree, the same object while its text and place stay the same.

    The language server re-checks a notebook on every edit; an unchanged cell
    keeps its tree, so facts about it (keyed by node) from before the edit still hold.
    Trees are never modified after parsing.
    """
    try:
        return _parse_at(code, first_line, path)
    except _ALL_PARSE_ERRORS as exc:
        return exc


def _parse_at(code: str, first_line: int, path: str) -> ast.Module:
    # Leading newlines put line numbers in program coordinates directly: far cheaper
    # than ast.increment_lineno, which walks every node in Python.
    with warnings.catch_warnings():  # e.g. SyntaxWarning "invalid escape sequence" on stderr
        warnings.simplefilter("ignore")
        return ast.parse("\n" * (first_line - 1) + code, filename=path)


def _parse_with_recovery(source: str, path: str) -> tuple[list[ast.stmt], list[SyntaxProblem]]:
    """Parse; on errors, set aside each broken top-level statement and parse the rest.

    A failing parse stops at the first broken statement, so what precedes it
    normally parses: keep that prefix, skip the statement, go on after it. Each
    round costs about the length of what it covers, so the whole is near linear.
    """
    try:
        return _parse_at(source, 1, path).body, []
    except _ALL_PARSE_ERRORS as exc:
        first_error: BaseException = exc
    lines = split_lines(source)
    plain = [line.rstrip("\r\n") for line in lines]
    starts = statement_starts(lines)
    body: list[ast.stmt] = []
    problems: list[SyntaxProblem] = []
    rounds = 0
    # half-open 0-based line ranges, leftmost on top, with the error already met there if any
    todo: list[tuple[int, int, BaseException | None]] = [(0, len(lines), first_error)]
    while todo:
        a, b, error = todo.pop()
        if a >= b:
            continue
        if error is None:
            try:
                body.extend(_parse_at("".join(lines[a:b]), a + 1, path).body)
                continue
            except _ALL_PARSE_ERRORS as exc:
                error = exc
        if isinstance(error, (RecursionError, MemoryError)):  # too deep: split, or give up
            inner = starts[bisect.bisect_right(starts, a) : bisect.bisect_left(starts, b)]
            if inner:
                mid = inner[len(inner) // 2]
                todo += [(mid, b, None), (a, mid, None)]
            else:
                problems.append(_problem(error, plain, a + 1, b))
            continue
        problem = _problem(error, plain, a + 1, b)
        bad = problem.span.line - 1
        i = bisect.bisect_right(starts, bad)
        s = max(starts[i - 1], a) if i else a
        e = min(max(starts[i], bad + 1), b) if i < len(starts) else b
        if s < bad and _simple_statements(lines, s, bad, path):
            s = bad  # e.g. an unexpected indent after `x = 1`: only the indented line is broken
        if s > a:
            try:
                prefix = _parse_at("".join(lines[a:s]), a + 1, path).body
            except _ALL_PARSE_ERRORS as exc:
                # the prefix is broken too (an unclosed bracket makes the parser stumble
                # on the next `def`): fix it first, then retry this statement untouched
                todo += [(s, b, None), (a, s, exc)]
                continue
            body.extend(prefix)
        problems.append(problem)
        rounds += 1
        if rounds <= MAX_RECOVERY_ROUNDS:  # bounded work: past it, the rest stays unanalysed
            todo.append((e, b, None))
    problems.sort(key=lambda p: p.span)
    return body, problems


def _simple_statements(lines: list[str], a: int, b: int, path: str) -> bool:
    """Do lines ``a..b-1`` parse on their own as simple (not compound) statements?"""
    if leading_word(lines[a]) in _COMPOUND or lines[a].startswith("@"):
        return False
    try:
        stmts = _parse_at("".join(lines[a:b]), a + 1, path).body
    except _ALL_PARSE_ERRORS:
        return False
    return bool(stmts) and not any(hasattr(st, "body") for st in stmts)


def _problem(exc: BaseException, lines: list[str], first: int, last: int) -> SyntaxProblem:
    """A SyntaxProblem from a parse error in program lines ``first..last`` (1-based)."""
    if isinstance(exc, SyntaxError) and exc.lineno is not None:
        message = exc.msg
        line = min(max(exc.lineno, first), last)
        col = (exc.offset or 1) - 1
    elif "\0" in "".join(lines[first - 1 : last]):
        message = "source code cannot contain null bytes"
        line = next(n for n in range(first, last + 1) if "\0" in lines[n - 1])
        col = lines[line - 1].index("\0")
    elif isinstance(exc, (RecursionError, MemoryError)):
        message, line, col = "code too deeply nested to parse", first, 0
    else:
        message, line, col = _one_line(exc), first, 0
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    col = min(max(col, 0), len(text))
    end_line, end_col = line, min(col + 1, len(text))
    if isinstance(exc, SyntaxError) and exc.end_lineno and exc.end_offset and exc.end_offset > 0:
        end = (exc.end_lineno, exc.end_offset - 1)
        if (line, col) < end and exc.end_lineno <= min(last, len(lines)):
            end_line, end_col = end[0], min(end[1], len(lines[end[0] - 1]))
    return SyntaxProblem(Span(line, col, end_line, end_col), message)


def _kind_of(path: str) -> str:
    return "ipynb" if path.lower().endswith(".ipynb") else "py"


def _unloadable(path: str, kind: str, message: str, raw: str = "") -> Program:
    return Program(path, kind, "", ast.Module([], []), [], [], raw, load_error=message)


def _too_large(size: int) -> str:
    return (
        f"too large to check: {size / 1e6:.1f} MB of code "
        f"(derivlint checks files up to {MAX_CODE_CHARS / 1e6:g} MB)"
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
