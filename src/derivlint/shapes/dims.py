"""Symbolic dimensions: integer polynomials over symbols, cheap and hashable.

A ``Dim`` is ``const + sum(coeff * monomial)`` where a monomial is a product of
symbols (``n``, ``h*w``). Integer-affine dims (``n+1``, ``2*d``) are the common
case; products appear for reshapes (``(n, d) -> (n*d,)``). No sympy here: this
runs on every ``+`` of every expression.

Symbols come in two kinds:
* *rigid* ones were declared by the user in an annotation (``"n d"``): two
  different rigid symbols are taken to be different sizes unless something
  proves them equal (that is the contract: ``(n, d) @ (n,)`` is a mismatch);
* *flexible* ones stand for a size nobody named (a boolean mask's count, a
  joined loop variable, an unknown ``len(...)``). A comparison that depends on
  a flexible symbol is *unknown*, and unknown never produces a finding.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

_ids = itertools.count(1)


class Sym:
    """One symbol. Identity is the object (two scopes' ``n`` are different symbols)."""

    __slots__ = ("name", "rigid", "uid")

    def __init__(self, name: str, rigid: bool) -> None:
        self.name = name
        self.rigid = rigid
        self.uid = next(_ids)

    def __repr__(self) -> str:
        return f"Sym({self.name!r}{'' if self.rigid else '?'}#{self.uid})"

    def __lt__(self, other: Sym) -> bool:
        return self.uid < other.uid


Monomial = tuple[Sym, ...]  # sorted by uid; () never appears in ``terms``


class Dim:
    """An immutable integer polynomial over symbols."""

    __slots__ = ("_hash", "const", "terms")

    def __init__(self, const: int = 0, terms: Iterable[tuple[Monomial, int]] = ()) -> None:
        self.const = const
        self.terms: tuple[tuple[Monomial, int], ...] = tuple(
            sorted(((m, c) for m, c in terms if c), key=_mono_key)
        )
        self._hash = hash((const, self.terms))

    # -- construction -------------------------------------------------
    @staticmethod
    def of(value: int | Sym | Dim) -> Dim:
        if isinstance(value, Dim):
            return value
        if isinstance(value, Sym):
            return Dim(0, (((value,), 1),))
        return const_dim(value)

    # -- queries ------------------------------------------------------
    @property
    def is_const(self) -> bool:
        return not self.terms

    def symbols(self) -> set[Sym]:
        return {s for m, _ in self.terms for s in m}

    @property
    def is_rigid(self) -> bool:
        """True when every symbol in it was declared by the user (or it is a constant)."""
        return all(s.rigid for m, _ in self.terms for s in m)

    @property
    def single_symbol(self) -> Sym | None:
        if self.const == 0 and len(self.terms) == 1:
            mono, coeff = self.terms[0]
            if coeff == 1 and len(mono) == 1:
                return mono[0]
        return None

    # -- arithmetic ---------------------------------------------------
    def __add__(self, other: Dim | int) -> Dim:
        other = Dim.of(other)
        acc = dict(self.terms)
        for m, c in other.terms:
            acc[m] = acc.get(m, 0) + c
        return Dim(self.const + other.const, acc.items())

    __radd__ = __add__

    def __neg__(self) -> Dim:
        return Dim(-self.const, ((m, -c) for m, c in self.terms))

    def __sub__(self, other: Dim | int) -> Dim:
        return self + (-Dim.of(other))

    def __rsub__(self, other: Dim | int) -> Dim:
        return Dim.of(other) - self

    def __mul__(self, other: Dim | int) -> Dim:
        other = Dim.of(other)
        acc: dict[Monomial, int] = {}
        const = self.const * other.const
        left = list(self.terms) + ([((), self.const)] if self.const else [])
        right = list(other.terms) + ([((), other.const)] if other.const else [])
        for m1, c1 in left:
            for m2, c2 in right:
                mono = tuple(sorted(m1 + m2))
                if not mono:
                    continue
                acc[mono] = acc.get(mono, 0) + c1 * c2
        return Dim(const, acc.items())

    __rmul__ = __mul__

    def exact_div(self, other: Dim) -> Dim | None:
        """``self / other`` when it divides exactly (constant or single-monomial divisor)."""
        if other.is_const:
            k = other.const
            if k == 0 or self.const % k or any(c % k for _, c in self.terms):
                return None
            return Dim(self.const // k, ((m, c // k) for m, c in self.terms))
        if other.const or len(other.terms) != 1:
            return self if self == other else None
        (dmono, dcoeff), = other.terms
        if self.const:
            return None
        out: list[tuple[Monomial, int]] = []
        const = 0
        for mono, coeff in self.terms:
            rest = list(mono)
            for s in dmono:
                if s not in rest:
                    return None
                rest.remove(s)
            if coeff % dcoeff:
                return None
            if rest:
                out.append((tuple(rest), coeff // dcoeff))
            else:
                const += coeff // dcoeff
        return Dim(const, out)

    def substitute(self, subst: dict[Sym, Dim]) -> Dim:
        if not self.terms or not subst:
            return self
        if not any(s in subst for m, _ in self.terms for s in m):
            return self
        total = Dim(self.const)
        for mono, coeff in self.terms:
            part = Dim(coeff)
            for s in mono:
                part = part * subst.get(s, Dim.of(s))
            total = total + part
        return total

    # -- identity -----------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if isinstance(other, int):
            return not self.terms and self.const == other
        return (
            isinstance(other, Dim) and self._hash == other._hash
            and self.const == other.const and self.terms == other.terms
        )

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Dim({format_dim(self)})"

    def __str__(self) -> str:
        return format_dim(self)


def _mono_key(item: tuple[Monomial, int]) -> tuple[int, ...]:
    return tuple(s.uid for s in item[0])


_small: dict[int, Dim] = {}


def const_dim(value: int) -> Dim:
    d = _small.get(value)
    if d is None:
        d = Dim(value)
        if -4 <= value <= 1024:
            _small[value] = d
    return d


def sym_dim(name: str, rigid: bool) -> Dim:
    return Dim.of(Sym(name, rigid))


def format_dim(d: Dim) -> str:
    if not d.terms:
        return str(d.const)
    parts = []
    for mono, coeff in d.terms:
        names = "*".join(s.name if s.name else "?" for s in mono)
        if coeff == 1:
            parts.append(names)
        elif coeff == -1:
            parts.append("-" + names)
        else:
            parts.append(f"{coeff}*{names}")
    if d.const:
        parts.append(str(d.const))
    text = parts[0]
    for p in parts[1:]:
        text += p if p.startswith("-") else "+" + p
    return text.replace("+-", "-")


def compare(a: Dim, b: Dim) -> bool | None:
    """Are two (resolved) dims equal? True, False, or None when it cannot be known.

    Sizes are taken to be >= 1. False needs a proof: the difference is a
    nonzero constant or has one sign everywhere, or both sides are made only
    of different user-declared symbols (which the contract treats as different
    sizes). A declared symbol against a plain number stays unknown: nothing
    says ``d`` is not 3.
    """
    if a == b:
        return True
    diff = a - b
    if diff.is_const:
        return False
    coeffs = [c for _, c in diff.terms] + ([diff.const] if diff.const else [])
    if all(c > 0 for c in coeffs) or all(c < 0 for c in coeffs):
        return False
    if a.is_const or b.is_const:
        return None
    if a.is_rigid and b.is_rigid:
        return False
    return None
