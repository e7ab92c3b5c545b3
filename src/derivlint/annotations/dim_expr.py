"""Dim expressions: ``n``, ``2*d + 1``, ``(n+1)*d``, ``d**2``; integer-affine text to ``DimExpr``.

A recursive-descent parser over a regex tokenizer: nothing is evaluated, and
integers, nesting and exponents are bounded so absurd text fails at once.
"""

from __future__ import annotations

import re

from derivlint.annotations.spec import BinDim, DimExpr, IntDim, SymDim

MAX_DEPTH = 16  # nested brackets; real annotations use one or two levels
MAX_INT_DIGITS = 18  # a dim beyond 10**18 elements is nonsense, and stays cheap
MAX_POWER = 8  # ``d**2`` expands to ``d*d``; bigger exponents are not shapes

_TOKEN = re.compile(
    r"\s*(?:(?P<int>\d+)|(?P<name>[^\W\d]\w*)|(?P<ell>\.\.\.)|(?P<op>\*\*|//|[-+*/()#?]))"
)


class DimError(Exception):
    """A dim that does not parse; callers turn the message into a ``SpecError``."""


def clip(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, so a 10 MB annotation does not ride in a message."""
    return text if len(text) <= limit else text[:limit] + "..."


def parse_dim_expr(text: str) -> DimExpr:
    """Parse one dim expression; raises ``DimError`` with a helpful message."""
    return _ExprParser(text).parse()


def int_dim(digits: str) -> IntDim:
    if len(digits) > MAX_INT_DIGITS:
        raise DimError(f"integer with {len(digits)} digits is too large for a dim")
    return IntDim(int(digits))


class _ExprParser:
    """``sum := product (('+'|'-') product)*``, ``product := power ('*' power)*``,
    ``power := atom ('**' INT)?``, ``atom := INT | NAME | '(' sum ')'``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = self._tokenize(text)
        self.pos = 0
        self.depth = 0

    @staticmethod
    def _tokenize(text: str) -> list[tuple[str, str]]:
        tokens, i = [], 0
        while i < len(text):
            if text[i:].isspace():
                break
            m = _TOKEN.match(text, i)
            if m is None:
                ch = text[i:].lstrip()[0]
                raise DimError(
                    f"unexpected character {ch!r} in dim {clip(text, 30)!r} (a dim is a name, "
                    "an integer, an expression with + - *, _, ... or *name)"
                )
            kind = m.lastgroup or "op"
            tokens.append((kind, m.group(kind)))
            i = m.end()
        return tokens

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise DimError(f"dim {self.text!r} ends too early")
        self.pos += 1
        return tok

    def parse(self) -> DimExpr:
        expr = self.sum()
        tok = self.peek()
        if tok is not None:
            raise DimError(f"unexpected {tok[1]!r} in dim {clip(self.text, 30)!r}")
        return expr

    def sum(self) -> DimExpr:
        left = self.product()
        while (tok := self.peek()) is not None and tok[1] in "+-" and tok[0] == "op":
            self.pos += 1
            left = _fold(tok[1], left, self.product())
        return left

    def product(self) -> DimExpr:
        left = self.power()
        while (tok := self.peek()) is not None and tok == ("op", "*"):
            self.pos += 1
            left = _fold("*", left, self.power())
        if tok is not None and tok[1] in ("/", "//"):
            raise DimError(f"{self.text!r}: only + - * are allowed in dims, not {tok[1]!r}")
        return left

    def power(self) -> DimExpr:
        base = self.atom()
        if self.peek() == ("op", "**"):
            self.pos += 1
            kind, value = self.take()
            if kind != "int" or len(value) > 1 or int(value) > MAX_POWER:
                raise DimError(f"{self.text!r}: exponent must be a small integer (0..{MAX_POWER})")
            result: DimExpr = IntDim(1)
            for _ in range(int(value)):
                result = base if result == IntDim(1) else _fold("*", result, base)
            return result
        return base

    def atom(self) -> DimExpr:
        kind, value = self.take()
        if kind == "int":
            return int_dim(value)
        if kind == "name":
            if value.startswith("_"):
                raise DimError(f"{self.text!r}: '_' dims cannot appear inside an expression")
            return SymDim(value)
        if value == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise DimError(f"parentheses nested more than {MAX_DEPTH} deep")
            inner = self.sum()
            if self.peek() is None:
                raise DimError(f"'(' is never closed in dim {clip(self.text, 30)!r}")
            if self.take() != ("op", ")"):
                raise DimError(f"{self.text!r}: expected ')'")
            self.depth -= 1
            return inner
        if value == "-":
            raise DimError(f"{self.text!r}: a dim cannot be negative")
        raise DimError(f"unexpected {value!r} in dim {clip(self.text, 30)!r}")


def _fold(op: str, left: DimExpr, right: DimExpr) -> DimExpr:
    """Fold integer-only arithmetic (``2*3``) so the engine sees plain ``IntDim``s."""
    if isinstance(left, IntDim) and isinstance(right, IntDim):
        value = {"+": left.value + right.value, "-": left.value - right.value}.get(
            op, left.value * right.value
        )
        if value < 0:
            raise DimError(f"{left.value}{op}{right.value} is a negative dim")
        if len(str(value)) > MAX_INT_DIGITS:
            raise DimError("integer too large for a dim")
        return IntDim(value)
    return BinDim(op, left, right)
