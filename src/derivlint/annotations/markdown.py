"""Shapes declared in the LaTeX of markdown cells: ``$X \\in \\mathbb{R}^{n \\times d}$``.

Each ``name \\in \\mathbb{R}^{...}`` becomes a ``MarkdownDecl``. LaTeX names are
mapped to the Python names course code uses (``\\mathbf{W}_1`` -> ``W1``,
``\\mu`` -> ``mu``) and LaTeX dims to shape text (``2d`` -> ``2*d``,
``d_{in}`` -> ``d_in``), which ``parse_shape`` then reads; nothing is evaluated.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from derivlint.annotations.shape_text import MAX_TEXT, matching_bracket, parse_shape
from derivlint.annotations.spec import ShapeSpec, SpecError

MAX_MARKDOWN = 200_000  # a markdown cell longer than this is not prose worth reading
MAX_DECLS = 500  # per cell; bounds the work on machine-generated text
NAME_WINDOW = 80  # \boldsymbol{\Sigma}_{12}^{[3]} fits; looking further back is waste

_REALS = (
    r"(?:\\mathbb\s*\{\s*R\s*\}|\\mathbb\s*R(?![A-Za-z])|\\R(?![A-Za-z])|ℝ"
    r"|\\(?:mathbf|mathcal|Bbb)\s*\{\s*R\s*\})"
)
_INTEGERS = r"(?:\\mathbb\s*\{\s*[ZN]\s*\}|\\mathbb\s*[ZN](?![A-Za-z])|ℤ|ℕ)"
# y \in \mathbb{R}^n, k \in \mathbb{N}, y \in \{0, 1\}^n (a finite set needs its exponent)
_IN_SET = re.compile(
    rf"(?:\\in(?![A-Za-z])|∈)\s*(?:(?P<reals>{_REALS})|(?P<ints>{_INTEGERS})|(?P<finite>\\\{{))"
)
# What may stand just before a declared name: the start of the math or of a list
# item, spacing, \text{where}, or a prose word. A symbol there ("X W \in",
# "A^\top A \in") makes the left side a product, which declares no variable.
_DECLARATION_START = re.compile(
    r"(?:^|[$(\[,;:&]|\\\\|\\(?:quad|qquad|[,;:! ])|\\(?:text|mbox|textrm|mathrm)\s*\{[^{}]*\}"
    r"|(?<![\\\w])[A-Za-z]{3,}\.?)\s*$"
)
_SUBSCRIPT_OF_SET = re.compile(r"\s*_\s*(?:\{[^{}]{0,20}\}|[+\-*])")  # \mathbb{R}_{+}, R_+
_POSITIVE = re.compile(r"\s*(?:[+\-*]|\\geq?\b.*|\\leq?\b.*|>.*|<.*)\s*")
_WRAPPED = r"\\(?P<wrap>mathbf|boldsymbol|bm|mathit|mathrm|vec|hat|bar|tilde|mathcal|textbf)"
# the name just before "\in": \mathbf{W}_1, \boldsymbol{\mu}, \Sigma, W_{1}, x^{[2]}, "X, Y"
_NAME_BEFORE = re.compile(
    rf"(?:{_WRAPPED}\s*\{{\s*(?P<inner>\\?[A-Za-z]+)\s*\}}|(?P<plain>\\[A-Za-z]+|(?<![A-Za-z\\])[A-Za-z]))"
    r"(?:\s*_\s*(?:\{\s*(?P<sub>[^{}]{1,20}?)\s*\}|(?P<sub1>[A-Za-z0-9])))?"
    r"(?:\s*\^\s*(?:\{\s*(?P<sup>[^{}]{1,20}?)\s*\}|(?P<sup1>[A-Za-z0-9])))?"
    r"\s*$"
)
_SUFFIX_WRAPS = {"hat": "_hat", "bar": "_bar", "tilde": "_tilde"}
_PYTHON_NAMES = {"lambda": "lambda_"}  # "lambda" is a keyword; code writes lambda_
_DROP = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])|\\[,;:!]|\\quad|~")
_TEXT_CMD = re.compile(r"\\(?:text|mathrm|textrm|operatorname|mathit)\s*\{([^{}]*)\}")
_SEPARATOR = re.compile(r"\\times(?![A-Za-z])|×|,")


@dataclass(frozen=True)
class MarkdownDecl:
    """``name`` declared with ``spec`` at ``line`` (1-based in the cell), ``col`` (0-based)."""

    name: str
    spec: ShapeSpec | SpecError
    line: int
    col: int


@functools.lru_cache(maxsize=2048)
def cached_markdown_shapes(md: str) -> tuple[MarkdownDecl, ...]:
    """``markdown_shapes``, read once per distinct cell text (the server re-reads notebooks often)."""
    return tuple(markdown_shapes(md))


def markdown_shapes(md: str) -> list[MarkdownDecl]:
    """Every ``name \\in \\mathbb{R}^{...}`` declaration in ``md``."""
    found: list[MarkdownDecl] = []
    for number, line in enumerate(md[:MAX_MARKDOWN].split("\n"), start=1):
        if "\\in" not in line and "∈" not in line:
            continue
        for match in _IN_SET.finditer(line):
            names = _names_before(line, match.start())
            end = match.end()
            if match.group("finite"):
                close = line.find("\\}", end, end + 100)
                end = close + 2 if close != -1 else -1
                if end == -1 or not re.compile(r"\s*\^").match(line, end):
                    continue  # i \in \{1, \dots, n\}: an index, not an array
            if not names:
                continue
            written = re.sub(r"^(?:\\in|∈)\s*", "", line[match.start() : end])  # for messages
            spec = _set_shape(line, end, written)
            if isinstance(spec, ShapeSpec) and not match.group("reals"):
                spec = dataclasses.replace(spec, dtype="int")
            found.extend(MarkdownDecl(name, spec, number, col) for name, col in names)
            if len(found) >= MAX_DECLS:
                return found[:MAX_DECLS]
    return found


def _names_before(line: str, end: int) -> list[tuple[str, int]]:
    """Names declared by ``X, Y \\in``: (python name, column), left to right."""
    names: list[tuple[str, int]] = []
    while len(names) < 10:
        start = max(0, end - NAME_WINDOW)
        match = _NAME_BEFORE.search(line, start, end)
        if match is None or match.start() == start > 0:  # nothing, or cut by the window
            break
        name = _python_name(match)
        if name is None:
            break
        names.append((name, match.start()))
        before_start = max(0, match.start() - NAME_WINDOW)
        before = line[before_start : match.start()].rstrip()
        if not before.endswith(","):
            return names[::-1] if _DECLARATION_START.search(before) else []
        end = before_start + len(before) - 1
    return names[::-1]  # a list cut short by a non-name ("given, X \\in"): keep what was read


def _python_name(match: re.Match[str]) -> str | None:
    base = (match.group("inner") or match.group("plain")).lstrip("\\")
    base = _PYTHON_NAMES.get(base, base)
    sub = match.group("sub") or match.group("sub1")
    sup = match.group("sup") or match.group("sup1")
    if sup is not None:
        layer = re.fullmatch(r"\[\s*(\d+)\s*\]", sup)  # deeplearning.ai's W^{[1]} is W1
        if layer is None:
            return None  # x^{(i)}, x^T: one example or an expression, not a variable
        base += layer.group(1)
    if sub is not None:
        sub = re.sub(r"\\?(?:text|mathrm)\s*\{([^{}]*)\}|[\\{}\s]", r"\1", sub)
        if not re.fullmatch(r"\w+", sub):
            return None
        base += sub if sub.isdigit() else f"_{sub}"
    return base + _SUFFIX_WRAPS.get(match.group("wrap") or "", "")


def _set_shape(line: str, pos: int, written: str) -> ShapeSpec | SpecError:
    """The dims after ``\\mathbb{R}`` at ``line[pos]``: ``^{n \\times d}``, ``^d``, or none."""
    sub = _SUBSCRIPT_OF_SET.match(line, pos)
    if sub:
        pos = sub.end()
    caret = re.compile(r"\s*\^\s*").match(line, pos)
    if caret is None:
        return ShapeSpec((), written)  # a real number
    pos = caret.end()
    if line[pos : pos + 1] == "{":
        stop = line.find("$", pos, pos + MAX_TEXT + 1)  # a group never runs past its math
        end = matching_bracket(line[: stop if stop != -1 else len(line)], pos, MAX_TEXT + 1)
        if end is None:
            return SpecError(
                "the '{' after '^' is never closed", written + line[caret.start() : pos + 40]
            )
        exponent, written = line[pos + 1 : end], written + line[caret.start() : end + 1]
    else:
        single = re.compile(r"\\[A-Za-z]+|[A-Za-z0-9+\-*]").match(line, pos)
        if single is None:
            return SpecError("expected the dims after '^'", written + line[caret.start() : pos + 1])
        exponent, written = single.group(), written + line[caret.start() : single.end()]
    if _POSITIVE.fullmatch(exponent):
        return ShapeSpec((), written)  # \mathbb{R}^+ is the positive reals
    dims = [_dim_text(part) for part in _split_top(exponent)]
    spec = parse_shape("(" + ", ".join(dims) + ",)", lenient=True)
    if isinstance(spec, SpecError):
        return SpecError(spec.message, written)
    return dataclasses.replace(spec, text=written)


def _split_top(exponent: str) -> list[str]:
    """Split at ``\\times`` / ``,`` outside braces."""
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\\times(?![A-Za-z])|×|,", exponent):
        token = match.group()
        depth += {"{": 1, "}": -1}.get(token, 0)
        if _SEPARATOR.fullmatch(token) and depth == 0:
            parts.append(exponent[start : match.start()])
            start = match.end()
    parts.append(exponent[start:])
    return parts


def _dim_text(latex: str) -> str:
    """``2d`` -> ``2*d``, ``d_{in}`` -> ``d_in``, ``n \\cdot k`` -> ``n*k``, ``d^2`` -> ``d**2``."""
    text = _DROP.sub(" ", latex)
    text = _TEXT_CMD.sub(r"\1", text)
    text = re.sub(r"_\s*\{\s*([\w\s]*?)\s*\}", lambda m: "_" + m.group(1).replace(" ", "_"), text)
    text = re.sub(r"\\cdot(?![A-Za-z])", "*", text)
    text = re.sub(r"\^\s*\{?\s*(\d)\s*\}?", r"**\1", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)  # \ell -> ell; unknown commands become words
    text = text.replace("{", "(").replace("}", ")")
    text = re.sub(r"(?<!\w)(\d+)\s*(?=[^\W\d]|\()", r"\1*", text)  # implicit product: 2d, 2(n+1)
    return text.strip()
