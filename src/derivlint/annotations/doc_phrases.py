"""What one docstring entry says about its value: a shape, a scalar, or "same shape as x".

``docstrings.py`` cuts a docstring into entries (name, type text, description);
this module reads the phrases people write in them. Docstrings are prose, so
only ``shape (`` followed by something unparseable is an error; every other
unclear phrase just says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivlint.annotations.shape_text import MAX_TEXT, matching_bracket, parse_shape
from derivlint.annotations.spec import ShapeSpec, SpecError

# "of shape (n, d)", "shape = [n, d]", "of size (n_x, m)", "dimensions (n, 1)",
# numpy-ml's "of shape `(N, M)`" (the backtick is skipped)
_KEYWORD = re.compile(
    r"\b(?P<word>shape|size|dimensions?|dims?)\b\s*(?:of\s+|is\s+|=\s*|:\s*)?`?(?=[(\[])",
    re.IGNORECASE,
)
# Coursera "ndarray (m,n)", "array-like (n,)"
_ARRAY_THEN_GROUP = re.compile(r"\b(?:nd)?array(?:[-_ ]like)?\s*(?=[(\[])", re.IGNORECASE)
# the shape belongs to the parts of a container, not to the value itself
_CONTAINER = re.compile(
    r"\b(?:dict|dictionary|tuple|list|lists|sequence|iterable|each)\b", re.IGNORECASE
)
_SAME_AS = re.compile(
    r"\bsame\s+shape\s+as\s+(?:the\s+)?(?:input\s+)?`?([^\W\d]\w*)", re.IGNORECASE
)
_SCALAR_WORDS = {
    "scalar": None,
    "number": None,
    "float": "float",
    "double": "float",
    "real": "float",
    "float32": "float",
    "float64": "float",
    "np.float32": "float",
    "np.float64": "float",
    "int": "int",
    "integer": "int",
    "int64": "int",
    "np.int64": "int",
    "bool": "bool",
    "boolean": "bool",
}
_SCALAR_PHRASE = re.compile(
    r"\b(?:a|single|one)\s+(scalar|float|number|integer|int)\b"
    r"(?!\s+(?:array|vector|matrix|tensor|ndarray|values|labels|entries|of)\b)",
    re.IGNORECASE,
)
# "a scalar or numpy array of any size" (deeplearning.ai's sigmoid): either, so no shape
# (and Coursera's "z (ndarray): A scalar, numpy array of any size")
_OR_ARRAY = re.compile(
    r"\s*(?:,|/|\bor\b)\s*(?:or\s+)?(?:an?\s+)?(?:numpy\s+|np\.)?(?:nd)?(?:array|matrix|vector|tensor)",
    re.IGNORECASE,
)
# sklearn's "array-like of shape (n_samples,) or (n_samples, n_targets)"; "or None" keeps the shape
_UNION_AFTER = re.compile(r"`?\s*(?:\bor\b|\|)(?!\s*None\b)", re.IGNORECASE)
_MODIFIER = re.compile(r"optional|default\b|keyword-only", re.IGNORECASE)
_ARRAY_WORD = re.compile(
    r"(?:numpy\s+|np\.)?(?:nd)?(?:array|matrix|vector|tensor)(?:[-_ ]like)?\b", re.IGNORECASE
)
_LEADING_WORD = re.compile(r"\s*\(?\s*([\w.]+)\s*\)?")


@dataclass(frozen=True)
class EntryShape:
    """What an entry declares: ``spec`` (a shape, a 0-d scalar, or an error) or ``same_as``."""

    spec: ShapeSpec | SpecError | None = None
    same_as: str | None = None


def entry_shape(type_text: str, description: str) -> EntryShape:
    """Read ``X : ndarray of shape (n, d)``-style type text, then the description."""
    for text, is_type in ((type_text, True), (description, False)):
        spec = _shape_in(text, is_type)
        if spec is not None:
            return EntryShape(spec)
    same = _SAME_AS.search(description) or _SAME_AS.search(type_text)
    if same:
        return EntryShape(same_as=same.group(1))
    scalar = _scalar_in(type_text, description)
    return EntryShape(scalar)


def _shape_in(text: str, is_type: bool) -> ShapeSpec | SpecError | None:
    if not text:
        return None
    stripped = text.lstrip()
    if stripped[:1] in ("(", "[") and _leading_group_is_shape(stripped, is_type):
        spec = _group_shape(stripped, 0, strict=False, needs_comma=True)
        if spec is not None:
            return spec
    keyword = _KEYWORD.search(text)
    array = _ARRAY_THEN_GROUP.search(text)
    found = min((m for m in (keyword, array) if m), key=lambda m: m.start(), default=None)
    if found is None or _CONTAINER.search(text, 0, found.start()):
        return None
    strict = found is keyword and found.group("word").lower() == "shape"
    return _group_shape(text, found.end(), strict=strict, needs_comma=found is array)


def _leading_group_is_shape(text: str, is_type: bool) -> bool:
    """``w : (d,) ndarray`` and ``- x: (N, D) array``; but CS231n's ``- cache: (x, w, b)``
    is a tuple of values, so a bare group counts only as a whole numpydoc type."""
    end = matching_bracket(text, 0, MAX_TEXT + 1)
    if end is None:
        return False
    after = text[end + 1 :].strip()
    return bool(_ARRAY_WORD.match(after)) or (is_type and not after)


def _group_shape(
    text: str, start: int, *, strict: bool, needs_comma: bool
) -> ShapeSpec | SpecError | None:
    """Parse the bracket group at ``text[start]``.

    ``strict``: after "shape", a group that does not parse is an error (S107);
    elsewhere it is prose and says nothing. ``needs_comma``: "(float)" or
    "(optional)" after a type name is a remark, not a 1-d shape.
    """
    end = matching_bracket(text, start, MAX_TEXT + 1)
    group = text[start : end + 1] if end is not None else text[start : start + MAX_TEXT + 1]
    if needs_comma and end is not None and "," not in group and group[1:-1].strip():
        return None
    if end is not None and _UNION_AFTER.match(text, end + 1):
        return None  # "of shape (n,) or (n, k)", "of shape (d,) or float": either, so no one shape
    spec = parse_shape(group, lenient=True)
    if isinstance(spec, SpecError) and not strict:
        return None
    return spec


def _scalar_in(type_text: str, description: str) -> ShapeSpec | None:
    # "float", "float, optional", "(scalar)"; but "int, RandomState instance or None" is a union
    first, *others = [part.strip() for part in type_text.split(",")]
    if _is_scalar(first.strip("() ")) and all(_MODIFIER.match(part) for part in others):
        return _scalar(first.strip("() "))
    opening = _LEADING_WORD.match(description)
    if opening and description.lstrip().startswith("(") and _is_scalar(opening.group(1)):
        return _scalar(opening.group(1))  # CS231n "- reg: (float) regularization strength"
    if _ARRAY_WORD.search(type_text):
        return None  # "(ndarray): a scalar or an array": the type says array, the prose cannot make it 0-d
    if description.lower().startswith("scalar"):
        return None if _OR_ARRAY.match(description, len("scalar")) else _scalar("scalar")
    phrase = _SCALAR_PHRASE.search(description)
    if phrase and not _OR_ARRAY.match(description, phrase.end()):
        return _scalar(phrase.group(1))
    return None


def _is_scalar(word: str) -> bool:
    return word.lower() in _SCALAR_WORDS


def _scalar(word: str) -> ShapeSpec:
    return ShapeSpec((), word, _SCALAR_WORDS.get(word.lower()))
