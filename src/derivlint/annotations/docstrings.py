"""Shapes declared in docstrings, in the dialects course code is written in (design.md 2.3).

* numpydoc / sklearn: ``X : ndarray of shape (n, d)`` under ``Parameters`` / ``-----``;
* Google / Coursera ML: ``X (ndarray (m,n)): data`` under ``Args:``;
* deeplearning.ai: ``X -- input data, of shape (n_x, m)`` under ``Arguments:``;
* CS231n: ``- x: A numpy array of shape (N, D)`` under ``Inputs:`` / ``Returns a tuple of:``.

The docstring is cut into sections, a section into entries (a head line plus
its indented continuation), and ``doc_phrases`` reads each entry's text.
Only entries inside a recognised section count: prose elsewhere is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from derivlint.annotations.doc_phrases import entry_shape
from derivlint.annotations.spec import ShapeSpec, SpecError

MAX_DOC = 50_000  # far beyond real docstrings; bounds the work on absurd input
MAX_HEAD = 1_000  # entry head lines are short; this keeps regexes linear and cheap

_PARAMS = r"args|arguments?|parameters|params|inputs?|keyword\s+arg(?:ument)?s|other\s+parameters"
_RETURNS = r"returns?|outputs?|yields?"
_OTHER = r"raises|notes?|examples?|see\s+also|references?|attributes|methods|warnings?|todo"
_COLON_HEADER = re.compile(
    rf"(?P<params>{_PARAMS})\s*:|"
    rf"(?P<returns>{_RETURNS})(?:\s+(?:a|an|the))?(?:\s+(?:tuple|list|pair))?"
    rf"(?:\s+(?:of|containing))?(?:\s+the\s+following)?\s*:(?P<inline>.*)|"
    rf"(?P<other>{_OTHER})\s*:",
    re.IGNORECASE,
)
_BARE_HEADER = re.compile(
    rf"(?P<params>{_PARAMS})|(?P<returns>{_RETURNS})|(?P<other>{_OTHER})", re.IGNORECASE
)
_UNDERLINE = re.compile(r"[-=~]{3,}")
_NAMES = r"\*{0,2}[^\W\d]\w*(?:\s*,\s*\*{0,2}[^\W\d]\w*)*"
_DASH_HEAD = re.compile(rf"(?P<names>{_NAMES})\s+--?\s+(?P<rest>.*)")
_PAREN_HEAD = re.compile(rf"(?P<names>{_NAMES})\s*(?=\()")
_COLON_HEAD = re.compile(rf"(?P<names>{_NAMES})\s*:(?:\s+(?P<rest>.*)|$)")
_BULLET = re.compile(r"[-*•]\s+")
_TYPE_NAMES = {"float", "int", "bool", "str", "ndarray", "array", "tuple", "list", "dict", "scalar"}


@dataclass(frozen=True)
class ReturnShape:
    """One returned value. ``name`` is None for unnamed returns (``ndarray of shape (n,)``).

    ``spec`` is None when the entry gives no shape; ``same_as`` names the value
    whose shape it has ("an array of same shape as W"). ``line`` is 1-based in the docstring.
    """

    name: str | None
    spec: ShapeSpec | SpecError | None
    same_as: str | None = None
    line: int = 0


@dataclass
class DocShapes:
    """Shapes one docstring declares.

    ``params`` has only parameters with a shape (or a broken "shape ("); ``returns``
    keeps every returned value in order, shaped or not, so positions match a tuple.
    """

    params: dict[str, ShapeSpec | SpecError] = field(default_factory=dict)
    returns: list[ReturnShape] = field(default_factory=list)
    same_as: dict[str, str] = field(default_factory=dict)  # "dout: same shape as x"
    param_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class _Section:
    kind: str  # "params", "returns" or "other"
    numpy_style: bool
    indent: int
    lines: list[tuple[int, str]]  # (1-based line, text with the docstring margin removed)


@dataclass
class _Entry:
    line: int
    names: list[str]  # [] for an unnamed return
    type_text: str
    parts: list[str]
    closed: bool = False  # a nested entry began: later lines describe something else


def docstring_shapes(doc: str) -> DocShapes:
    """Parameter and return shapes declared in ``doc``."""
    shapes = DocShapes()
    for section in _sections(_dedent(doc[:MAX_DOC])):
        if section.kind == "other":
            continue
        for entry in _entries(section):
            found = entry_shape(entry.type_text, " ".join(entry.parts))
            if section.kind == "returns":
                name = entry.names[0] if entry.names else None
                shapes.returns.append(ReturnShape(name, found.spec, found.same_as, entry.line))
                continue
            for name in entry.names:
                if found.spec is not None:
                    shapes.params[name] = found.spec
                    shapes.param_lines[name] = entry.line
                elif found.same_as is not None:
                    shapes.same_as[name] = found.same_as
    return shapes


def _dedent(doc: str) -> list[str]:
    """Lines without the common margin; unlike ``inspect.cleandoc``, line numbers are kept."""
    lines = doc.expandtabs().split("\n")
    margins = [len(ln) - len(ln.lstrip()) for ln in lines[1:] if ln.strip()]
    margin = min(margins, default=0)
    return [lines[0].strip()] + [ln[margin:].rstrip() for ln in lines[1:]]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _sections(lines: list[str]) -> list[_Section]:
    sections: list[_Section] = []
    current: _Section | None = None
    skip = False
    for number, line in enumerate(lines, start=1):
        if skip:
            skip = False
            continue
        text = line.strip()[:MAX_HEAD]
        below = lines[number].strip() if number < len(lines) else ""
        header = None
        if _UNDERLINE.fullmatch(below) and (bare := _BARE_HEADER.fullmatch(text)):
            header, skip = _Section(bare.lastgroup or "other", True, _indent(line), []), True
        elif colon := _COLON_HEADER.fullmatch(text):
            kind = colon.lastgroup if colon.lastgroup != "inline" else "returns"
            header = _Section(kind or "other", False, _indent(line), [])
            inline = (colon.group("inline") or "").strip()
            if inline:  # "Returns: array of shape (n,)"
                header.lines.append((number, " " * (header.indent + 1) + inline))
        elif (bare := _BARE_HEADER.fullmatch(text)) and bare.lastgroup != "other":
            header = _Section(bare.lastgroup or "other", False, _indent(line), [])  # "Returns"
        if header is not None:
            if not header.numpy_style and _UNDERLINE.fullmatch(below):
                header.numpy_style, skip = True, True  # "Returns:" underlined all the same
            current = header
            sections.append(header)
        elif current is not None:
            current.lines.append((number, line))
    return sections


def _entries(section: _Section) -> list[_Entry]:
    body = [(n, ln) for n, ln in section.lines]
    first = next(((n, ln) for n, ln in body if ln.strip()), None)
    if first is None or _indent(first[1]) < section.indent:
        return []
    level = _indent(first[1])
    bullets = _BULLET.match(first[1].strip()) is not None
    entries: list[_Entry] = []
    gap = False  # a blank line since the last text line
    for number, line in body:
        text = line.strip()[:MAX_HEAD]
        if not text:
            gap = True
            continue
        indent = _indent(line)
        if indent < level:
            break
        head = _head(text, section, bullets) if indent == level else None
        current = entries[-1] if entries else None
        if head is not None:
            entries.append(_Entry(number, *head))
        elif indent > level and current is not None:
            if _head(text, section, True) is not None or _looks_like_entry(text):
                current.closed = True  # a nested list: "cache -- tuple of: - x: ... shape"
            if not current.closed:
                current.parts.append(text)
        elif current is not None and not gap and not section.numpy_style:
            current.parts.append(text)  # a wrapped line that was not indented
        elif section.kind == "returns" and not section.numpy_style and current is None:
            entries.append(_Entry(number, [], "", [text]))  # "Returns:\n  The loss, shape (n,)."
        elif gap and level == section.indent:
            break  # prose after the list
        gap = False
    return entries


def _looks_like_entry(text: str) -> bool:
    return bool(_DASH_HEAD.match(text) or _COLON_HEAD.match(text) or _BULLET.match(text))


def _head(text: str, section: _Section, bullets: bool) -> tuple[list[str], str, list[str]] | None:
    """(names, type text, [description start]) if ``text`` starts an entry."""
    if bullets:
        marker = _BULLET.match(text)
        if marker is None:
            return None
        text = text[marker.end() :]
        named = _named_head(text, section)
        return named if named is not None else ([], "", [text])
    if section.numpy_style:
        colon = re.match(rf"(?P<names>{_NAMES})\s*:\s*(?P<rest>.*)", text)
        if colon:
            return _names(colon.group("names"), section, colon.group("rest"), [])
        if section.kind == "returns":
            return [], text, []  # numpydoc: an unnamed return is just its type
        return (_split_names(text), "", []) if re.fullmatch(_NAMES, text) else None
    return _named_head(text, section)


def _named_head(text: str, section: _Section) -> tuple[list[str], str, list[str]] | None:
    if dash := _DASH_HEAD.match(text):  # deeplearning.ai "X -- data, of shape (n_x, m)"
        return _names(dash.group("names"), section, "", [dash.group("rest")])
    if paren := _PAREN_HEAD.match(text):  # Google / Coursera "X (ndarray (m,n)): data"
        start = paren.end()
        depth, end = 0, None
        for i in range(start, min(len(text), start + 200)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i
                break
        if end is not None:
            after = text[end + 1 :].lstrip()
            rest = after[1:].strip() if after.startswith(":") else after
            return _names(paren.group("names"), section, text[start + 1 : end], [rest])
    if colon := _COLON_HEAD.match(text):  # CS231n "x: A numpy array of shape (N, D)"
        return _names(colon.group("names"), section, "", [colon.group("rest") or ""])
    return None


def _names(
    names: str, section: _Section, type_text: str, parts: list[str]
) -> tuple[list[str], str, list[str]]:
    split = _split_names(names)
    if section.kind == "returns" and len(split) == 1 and split[0].lower() in _TYPE_NAMES:
        # Google "float: the loss" names a type, not a value
        return [], f"{split[0]} {type_text}".strip(), parts
    return split, type_text, parts


def _split_names(names: str) -> list[str]:
    return [name.strip().lstrip("*") for name in names.split(",") if name.strip()]
