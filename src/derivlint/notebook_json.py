"""Rewrite one cell's ``"source"`` in a notebook's JSON text, leaving every other byte alone.

Re-serialising a notebook (nbformat, ``json.dumps``) would reorder keys, change
the indentation or the nbformat minor version, and churn outputs in version
control. Instead, ``source_spans`` finds where each cell's ``"source"`` value
lies in the raw text and ``encode_source`` writes a new value in the file's style.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from json.decoder import WHITESPACE, scanstring  # type: ignore[attr-defined]

_DECODER = json.JSONDecoder()
_SURROGATE = re.compile("[\ud800-\udfff]")


class NotebookJSONError(ValueError):
    """The text is not a notebook whose cells can be located."""


@functools.lru_cache(maxsize=4)
def source_spans(raw: str) -> tuple[tuple[int, int] | None, ...]:
    """The ``(start, end)`` character span of each cell's ``"source"`` value, in cell order.

    ``None`` for a cell without one. As ``json.loads`` does, the last of duplicate keys wins.
    Cached: ``--fix`` tries each fix on the same text first.
    """
    at = _skip(raw, 1 if raw.startswith("\ufeff") else 0)
    cells: list[tuple[int, int] | None] | None = None
    for key, start in _members(raw, at):
        if key == "cells":
            cells = _cell_sources(raw, start)
    if cells is None:
        raise NotebookJSONError('no top-level "cells" list')
    return tuple(cells)


def _cell_sources(raw: str, at: int) -> list[tuple[int, int] | None]:
    if not raw.startswith("[", at):
        raise NotebookJSONError('"cells" is not a list')
    spans: list[tuple[int, int] | None] = []
    at = _skip(raw, at + 1)
    if raw.startswith("]", at):
        return spans
    while True:
        found: tuple[int, int] | None = None
        if not raw.startswith("{", at):
            raise NotebookJSONError(f"cell {len(spans) + 1} is not an object")
        for key, start in _members(raw, at):
            if key == "source":
                found = (start, _value_end(raw, start))
        spans.append(found)
        at = _skip(raw, _value_end(raw, at))
        if raw.startswith("]", at):
            return spans
        if not raw.startswith(",", at):
            raise NotebookJSONError(f"expected ',' or ']' at offset {at}")
        at = _skip(raw, at + 1)


def _members(raw: str, at: int) -> Iterator[tuple[str, int]]:
    """Walk the object at ``at``: each key with where its value starts."""
    if not raw.startswith("{", at):
        raise NotebookJSONError(f"expected an object at offset {at}")
    at = _skip(raw, at + 1)
    if raw.startswith("}", at):
        return
    while True:
        if not raw.startswith('"', at):
            raise NotebookJSONError(f"expected a key at offset {at}")
        key, at = scanstring(raw, at + 1)
        at = _skip(raw, at)
        if not raw.startswith(":", at):
            raise NotebookJSONError(f"expected ':' at offset {at}")
        start = _skip(raw, at + 1)
        yield key, start
        at = _skip(raw, _value_end(raw, start))
        if raw.startswith("}", at):
            return
        if not raw.startswith(",", at):
            raise NotebookJSONError(f"expected ',' or '}}' at offset {at}")
        at = _skip(raw, at + 1)


def _value_end(raw: str, at: int) -> int:
    try:
        return _DECODER.raw_decode(raw, at)[1]
    except json.JSONDecodeError as exc:
        raise NotebookJSONError(str(exc)) from exc


def _skip(raw: str, at: int) -> int:
    return WHITESPACE.match(raw, at).end()


def encode_source(raw: str, span: tuple[int, int], source: str) -> str:
    """``source`` as a JSON value in the style of the value at ``span`` in ``raw``.

    A string stays a string; a list becomes lines each ending with ``"\\n"`` but the
    last (as Jupyter writes them), laid out with the old list's indentation. The old
    list's items for the unchanged lines at either end are kept as written (their
    escapes too), so a fix changes only the lines it edits.
    """
    start, end = span
    old = raw[start:end]
    ascii_only = raw.isascii() and "\\u" in raw  # the file escapes non-ASCII characters

    def dump(text: str) -> str:
        value = json.dumps(text, ensure_ascii=ascii_only)
        # a lone surrogate (from a "\\ud800" escape) cannot be written as UTF-8: keep it escaped
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)

    if not old.startswith("["):
        return dump(source)
    items = _kept_items(old, source, dump)
    if not items:
        return "[]"
    if "\n" in old:  # one item a line: keep the list's own indentation
        newline = "\r\n" if "\r\n" in old else "\n"
        item_indent = re.match(r"\[\s*?\r?\n([ \t]*)", old)
        close_indent = re.search(r"\n([ \t]*)\]$", old)
        if item_indent is None or close_indent is None:
            return "[" + ", ".join(items) + "]"
        pad, close = item_indent.group(1), close_indent.group(1)
    else:
        layout = _layout_from_key(raw, start)
        if layout is None:
            between = re.match(r'\[\s*"(?:[^"\\]|\\.)*"(\s*,\s*)"', old)
            return "[" + (between.group(1) if between else ", ").join(items) + "]"
        newline, pad, close = layout
    return (
        "[" + newline + ("," + newline).join(pad + item for item in items) + newline + close + "]"
    )


def _kept_items(old: str, source: str, dump: Callable[[str], str]) -> list[str]:
    """The JSON items of ``source``: the old list's own items for whole lines unchanged at
    its start and end, Jupyter-style lines (each dumped) for the rest."""
    written = _string_items(old)
    head: list[str] = []
    at = 0
    for text, value in written:
        if not value or not source.startswith(value, at) or not (
            value.endswith("\n") or at + len(value) == len(source)
        ):
            break
        head.append(text)
        at += len(value)
    tail: list[str] = []
    stop = len(source)
    for text, value in reversed(written[len(head) :]):
        begin = stop - len(value)
        if not value or begin < at or source[begin:stop] != value:
            break
        if begin > at and source[begin - 1] != "\n":
            break  # the item starts mid-line: that line changed
        tail.append(text)
        stop = begin
    middle = re.findall(r"[^\n]*\n|[^\n]+$", source[at:stop])
    return head + [dump(line) for line in middle] + tail[::-1]


def _string_items(old: str) -> list[tuple[str, str]]:
    """Each item of a JSON list of strings as ``(text as written, value)``; [] if it is not one."""
    items: list[tuple[str, str]] = []
    at = _skip(old, 1)
    while at < len(old) and old.startswith('"', at):
        value, end = scanstring(old, at + 1)
        items.append((old[at:end], value))
        at = _skip(old, end)
        if not old.startswith(",", at):
            break
        at = _skip(old, at + 1)
    return items


def _layout_from_key(raw: str, start: int) -> tuple[str, str, str] | None:
    """For an empty or one-line list in a pretty-printed file: (newline, item indent, close indent)."""
    line_start = raw.rfind("\n", 0, start) + 1
    indent = re.match(r"[ \t]*", raw[line_start:start]).group(0)  # type: ignore[union-attr]
    if line_start == 0 or not raw[line_start:start].lstrip().startswith('"'):
        return None
    newline = "\r\n" if raw[line_start - 2 : line_start] == "\r\n" else "\n"
    # "source" sits three levels deep (notebook, "cells" list, cell): one level is a third
    unit = indent[: len(indent) // 3] if len(indent) % 3 == 0 and indent else " "
    return newline, indent + unit, indent
