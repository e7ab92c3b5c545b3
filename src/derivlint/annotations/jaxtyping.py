"""Read jaxtyping annotations (``Float[np.ndarray, "n d"]``) from an annotation's AST.

Only the syntax tree is inspected; a string annotation is turned into a tree with
``ast.parse(mode="eval")``, which parses and never runs anything.
"""

from __future__ import annotations

import ast
import dataclasses
import re

from derivlint.annotations.shape_text import MAX_TEXT, clip, parse_shape
from derivlint.annotations.spec import ShapeSpec, SpecError, SymDim

# jaxtyping's dtype names, mapped to the engine's dtype kinds. Complex, Num, Real,
# Inexact, Shaped and Key do not fit one kind, so they say nothing (None).
_KIND_PATTERNS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"B?Float(?:\d+(?:e\d+m\d+\w*)?)?"), "float"),  # Float8e4m3fn too
    (re.compile(r"U?Int\d*|Integer"), "int"),
    (re.compile(r"Bool"), "bool"),
    (re.compile(r"Shaped|Num|Real|Inexact|Complex\d*|Key"), None),
)
_LOOKS_JAXTYPED = re.compile(
    r"\s*(?:\w+\.)*(?:B?Float\w*|U?Int\w*|Integer|Bool|Shaped|Num|Real|Inexact|Complex\w*)\s*\["
)


class _NotJaxtyping(Exception):
    """The annotation is something else (``int``, ``np.ndarray``): no spec at all."""


def dtype_kind(name: str) -> tuple[bool, str | None]:
    """(is a jaxtyping dtype name, the dtype kind it implies)."""
    for pattern, kind in _KIND_PATTERNS:
        if pattern.fullmatch(name):
            return True, kind
    return False, None


MAX_WRAPPERS = 8  # Optional[...] / ``| None`` / Annotated[...] layers worth looking through


def jaxtyping_spec(node: ast.expr) -> ShapeSpec | SpecError | None:
    """The shape a jaxtyping annotation declares; None if ``node`` is not one."""
    try:
        return _spec(node, allow_string=True)
    except _NotJaxtyping:
        return None


def _spec(node: ast.expr, *, allow_string: bool, depth: int = 0) -> ShapeSpec | SpecError:
    if depth > MAX_WRAPPERS:
        raise _NotJaxtyping
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if not allow_string:  # a string inside a string annotation: not a type
            raise _NotJaxtyping
        return _from_string(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        # ``Float[...] | None``: an optional array still declares its shape
        sides = [side for side in (node.left, node.right) if not _is_none(side)]
        if len(sides) != 1:
            raise _NotJaxtyping
        return _spec(sides[0], allow_string=allow_string, depth=depth + 1)
    if not isinstance(node, ast.Subscript):
        raise _NotJaxtyping
    head = _final_name(node.value)
    if head == "Optional":
        return _spec(node.slice, allow_string=allow_string, depth=depth + 1)
    if head == "Annotated" and isinstance(node.slice, ast.Tuple) and node.slice.elts:
        return _spec(node.slice.elts[0], allow_string=allow_string, depth=depth + 1)
    is_dtype, kind = dtype_kind(head or "")
    if not is_dtype:
        raise _NotJaxtyping
    return _dims(node, head or "", kind)


def _dims(node: ast.Subscript, head: str, kind: str | None) -> ShapeSpec | SpecError:
    args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    written = _unparse(node)
    if len(args) != 2:
        return SpecError(
            f"{head}[...] takes two arguments, an array type and a dim string: "
            f'{head}[np.ndarray, "n d"]',
            written,
        )
    dims = args[1]
    if not (isinstance(dims, ast.Constant) and isinstance(dims.value, str)):
        raise _NotJaxtyping  # computed dims (f-strings, names): nothing to read statically
    text = dims.value
    if "," in text:
        return SpecError(
            f"jaxtyping separates dims with spaces, not commas: write {_spaced(text)!r}",
            text,
        )
    if text.strip() == "scalar":  # in jaxtyping this is a dim *named* scalar
        return ShapeSpec((SymDim("scalar"),), text, kind)
    spec = parse_shape(text)
    if isinstance(spec, SpecError):
        return spec
    return dataclasses.replace(spec, dtype=kind)


def _from_string(text: str) -> ShapeSpec | SpecError:
    looks_jaxtyped = _LOOKS_JAXTYPED.match(text[:200]) is not None
    if len(text) > MAX_TEXT:
        if looks_jaxtyped:
            return SpecError(f"annotation is {len(text)} characters long", clip(text))
        raise _NotJaxtyping
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        if looks_jaxtyped:
            return SpecError("string annotation is not valid Python syntax", text)
        raise _NotJaxtyping from None
    return _spec(tree.body, allow_string=False)


def _final_name(node: ast.expr) -> str | None:
    """``Float`` for ``Float``, ``jaxtyping.Float`` and ``jt.Float``."""
    last: str | None = None
    while isinstance(node, ast.Attribute):  # a loop: attribute chains can be long
        last = last or node.attr
        node = node.value
    if isinstance(node, ast.Name):
        return last or node.id
    return None


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _unparse(node: ast.expr) -> str:
    try:
        return clip(ast.unparse(node), 120)
    except (ValueError, RecursionError):
        return "<annotation>"


def _spaced(text: str) -> str:
    return " ".join(part.strip() for part in text.strip("()[] ").split(",") if part.strip())
