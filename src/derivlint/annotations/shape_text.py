"""Parse shape text (``(n, d)``, ``"*batch k"``, ``(n, 2*d + 1)``) into a ``ShapeSpec``.

A hand-written tokenizer and recursive-descent parser: annotation text is data
from the checked file and must never reach ``eval`` (design.md section 1). Every
input is bounded (length, nesting, number of dims, integer digits) so absurd
text gives a ``SpecError`` at once instead of a hang or a crash.
"""

from __future__ import annotations

import re

from derivlint.annotations.dim_expr import (
    MAX_DEPTH,
    DimError,
    clip,
    int_dim,
    parse_dim_expr,
)
from derivlint.annotations.spec import AnyDim, DimItem, ShapeSpec, SpecError, SymDim, VarDims

__all__ = ["MAX_TEXT", "clip", "matching_bracket", "parse_shape"]

MAX_TEXT = 500  # longer than any real annotation; also bounds all work below
MAX_DIMS = 64  # numpy 2's own limit on ndim

_OPEN_TO_CLOSE = {"(": ")", "[": "]", "{": "}"}
# Docstring/markdown dims written as prose ("number of examples", "H'", "n/2"):
# harmless text that keeps the rank known, so lenient mode reads them as ``_``.
_PROSE_DIM = re.compile(r"(?:[\w\s+\-*/().^]|(?<=\w)'(?!\w))+")  # ' only as a prime


def matching_bracket(text: str, start: int, limit: int = MAX_TEXT) -> int | None:
    """Index of the bracket closing ``text[start]``; None if unclosed, mismatched or too long."""
    stack: list[str] = []
    end = min(len(text), start + limit)
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN_TO_CLOSE:
            stack.append(_OPEN_TO_CLOSE[ch])
            if len(stack) > MAX_DEPTH:
                return None
        elif ch in ")]}":
            if not stack or stack.pop() != ch:
                return None
            if not stack:
                return i
    return None


def parse_shape(text: str, *, lenient: bool = False) -> ShapeSpec | SpecError:
    """Parse tuple style ``(n, d)`` or jaxtyping space style ``"*batch n d"``.

    ``lenient`` (docstrings, markdown) reads a tuple item that is prose, such as
    ``number of examples``, as ``AnyDim`` instead of failing.
    """
    if not isinstance(text, str):
        return SpecError("shape annotation is not text", repr(type(text)))
    if len(text) > MAX_TEXT:
        return SpecError(
            f"shape annotation is {len(text)} characters long (limit {MAX_TEXT})", clip(text)
        )
    body = text.strip()
    if body == "" or body.lower() == "scalar":
        return ShapeSpec((), text)
    try:
        if body[0] in "([" and not _leading_group_is_expression(body):
            dims = _tuple_style(_bracket_content(body), lenient)
        elif _top_level_commas(body):
            dims = _tuple_style(body, lenient)  # "n, d": a tuple without its parentheses
        else:
            dims = _space_style(body)
        _check_dims(dims)
    except DimError as err:
        return SpecError(str(err), text)
    return ShapeSpec(dims, text)


def _leading_group_is_expression(body: str) -> bool:
    """``(n+1)*d``: brackets that group an expression, not a tuple of dims."""
    end = matching_bracket(body, 0)
    return end is not None and end != len(body) - 1 and not _top_level_commas(body[1:end])


def _bracket_content(body: str) -> str:
    close = _OPEN_TO_CLOSE[body[0]]
    end = matching_bracket(body, 0)
    if end is None:
        depth = sum(body.count(c) for c in "([{") - sum(body.count(c) for c in ")]}")
        if depth > MAX_DEPTH:
            raise DimError(f"brackets nested more than {MAX_DEPTH} deep")
        if depth > 0:
            raise DimError(f"'{body[0]}' is never closed: expected '{close}'")
        raise DimError(f"brackets do not match: '{body[0]}' must be closed by '{close}'")
    if end != len(body) - 1:
        raise DimError(f"unexpected text after '{close}': {clip(body[end + 1 :], 30)!r}")
    return body[1:-1]


def _top_level_commas(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            return True
    return False


def _split_commas(content: str) -> list[str]:
    items, depth, start = [], 0, 0
    for i, ch in enumerate(content):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(content[start:i])
            start = i + 1
    items.append(content[start:])
    return items


def _tuple_style(content: str, lenient: bool) -> tuple[DimItem, ...]:
    if not content.strip():
        return ()
    items = _split_commas(content)
    if len(items) > 1 and not items[-1].strip():
        items.pop()  # "(n,)": the trailing comma of a 1-tuple
    dims: list[DimItem] = []
    for pos, item in enumerate(items, start=1):
        if not item.strip():
            raise DimError(f"dim {pos} is empty (two commas in a row?)")
        try:
            dims.append(_parse_item(item.strip()))
        except DimError:
            if lenient and _PROSE_DIM.fullmatch(item) and len(item) <= 80:
                dims.append(AnyDim())
            else:
                raise
        if len(dims) > MAX_DIMS:
            raise DimError(f"more than {MAX_DIMS} dims")
    return tuple(dims)


def _space_style(body: str) -> tuple[DimItem, ...]:
    words = body.split()
    # "n x d" / "n × d": a separator people write in comments, not a dim named x
    if len(words) >= 3 and len(words) % 2 == 1 and all(w in ("x", "×") for w in words[1::2]):
        words = words[0::2]
    if len(words) > MAX_DIMS:
        raise DimError(f"more than {MAX_DIMS} dims")
    dims = []
    for word in words:
        if word in ("+", "-", "*") or word[0] in "+-" or word[-1] in "+-*":
            raise DimError(
                f"{word!r} is not a dim: in space-separated shapes write expressions "
                "without spaces (n+1, 2*d)"
            )
        dims.append(_parse_item(word))
    return tuple(dims)


def _check_dims(dims: tuple[DimItem, ...]) -> None:
    variadic = [d for d in dims if isinstance(d, VarDims)]
    if len(variadic) > 1:
        raise DimError(f"{len(variadic)} variadic dims (*name or ...); at most one is allowed")


def _parse_item(item: str) -> DimItem:
    """One dim: ``...``, ``*batch``, ``#n``, ``_``, or an expression like ``2*d + 1``."""
    if item in ("...", "*"):
        return VarDims(None)  # numpy-ml and PyTorch docs write (N, *): any number of further dims
    if item.startswith(("*", "#", "?")) and not item.startswith("**"):
        mods, rest = _split_modifiers(item)
        if "*" in mods:
            name = _plain_name(rest, item)
            return VarDims(None if name.startswith("_") else name)
        if rest.isdigit():
            return int_dim(rest)
        name = _plain_name(rest, item)
        return AnyDim() if name.startswith("_") else SymDim(name)
    if _is_name(item) and item.startswith("_"):
        return AnyDim()  # jaxtyping: "_" and "_foo" are unchecked dims
    return parse_dim_expr(item)


def _split_modifiers(item: str) -> tuple[str, str]:
    i = 0
    while i < len(item) and item[i] in "*#?":
        i += 1
    mods, rest = item[:i], item[i:].strip()
    if len(set(mods)) != len(mods):
        raise DimError(f"{item!r}: repeated modifier")
    return mods, rest


def _is_name(text: str) -> bool:
    return text.isidentifier()


def _plain_name(rest: str, item: str) -> str:
    if not _is_name(rest):
        raise DimError(f"{item!r}: expected a name after the modifier")
    return rest
