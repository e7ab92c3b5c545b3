"""Polynomials over atoms: the sums of terms ``expansion`` writes values as.

A ``Poly`` maps monomials (sorted ``(atom, exponent)`` pairs) to rational
coefficients. Atoms are opaque hashable tuples; this module never looks inside.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

Atom = tuple
Mono = tuple  # ((atom, exponent), ...) sorted by atom

MAX_TERMS = 120
ONE: Mono = ()


class Poly:
    """An immutable sum ``{monomial: coefficient}``."""

    __slots__ = ("_key", "terms")

    def __init__(self, terms: dict[Mono, Fraction] | None = None) -> None:
        self.terms = {m: c for m, c in (terms or {}).items() if c != 0}
        self._key: tuple | None = None

    @staticmethod
    def const(c: Fraction | int) -> Poly:
        return Poly({ONE: Fraction(c)})

    @staticmethod
    def atom(a: Atom, exponent: Fraction | int = 1) -> Poly:
        return Poly({mono({a: Fraction(exponent)}): Fraction(1)})

    def key(self) -> tuple:
        if self._key is None:
            self._key = tuple(sorted(self.terms.items(), key=repr))
        return self._key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Poly) and self.terms == other.terms

    def __hash__(self) -> int:
        return hash(self.key())

    def __add__(self, other: Poly) -> Poly:
        out = dict(self.terms)
        for m, c in other.terms.items():
            out[m] = out.get(m, Fraction(0)) + c
        return Poly(out)

    def __neg__(self) -> Poly:
        return self.scale(-1)

    def __sub__(self, other: Poly) -> Poly:
        return self + (-other)

    def scale(self, c: Fraction | int) -> Poly:
        return Poly({m: k * c for m, k in self.terms.items()})

    def __mul__(self, other: Poly) -> Poly:
        if len(self.terms) * len(other.terms) > MAX_TERMS:
            raise TooBig
        out: dict[Mono, Fraction] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in other.terms.items():
                m = mono_mul(m1, m2)
                out[m] = out.get(m, Fraction(0)) + c1 * c2
        return Poly(out)

    def single(self) -> tuple[Mono, Fraction] | None:
        """``(monomial, coefficient)`` when the polynomial is one term."""
        return next(iter(self.terms.items())) if len(self.terms) == 1 else None

    def atoms(self) -> Iterator[Atom]:
        for m in self.terms:
            for a, _ in m:
                yield a

    def __repr__(self) -> str:
        return " + ".join(f"{c}*{m}" for m, c in self.key()) or "0"


class TooBig(Exception):
    """An expansion beyond ``MAX_TERMS``: the value stays one opaque atom."""


ZERO = Poly()


def mono(exps: dict[Atom, Fraction]) -> Mono:
    # integral exponents as ints: equal and hashed alike, and hashed much faster than Fractions
    items = [(a, int(e) if e.denominator == 1 else e) for a, e in exps.items() if e != 0]
    return tuple(items) if len(items) < 2 else tuple(sorted(items, key=lambda item: repr(item[0])))


def mono_mul(m1: Mono, m2: Mono) -> Mono:
    exps = dict(m1)
    for a, e in m2:
        exps[a] = exps.get(a, Fraction(0)) + e
    return mono(exps)


def mono_pow(m: Mono, e: Fraction) -> Mono:
    return mono({a: x * e for a, x in m})


def content(p: Poly) -> Mono:
    """The monomial every term of ``p`` is a multiple of (lowest exponent of each shared atom)."""
    monos = list(p.terms)
    if not monos:
        return ONE
    shared = dict(monos[0])
    for m in monos[1:]:
        exps = dict(m)
        shared = {a: min(e, exps[a]) for a, e in shared.items() if a in exps}
    return mono({a: Fraction(e) for a, e in shared.items()})


def ratio(p: Poly, q: Poly) -> tuple[Mono, Fraction] | None:
    """``(monomial r, coefficient c)`` with ``p == c * r * q``, if there is one."""
    if not p.terms or not q.terms or len(p.terms) != len(q.terms):
        return None
    if p.terms.keys() == q.terms.keys():
        m0 = next(iter(q.terms))
        c = p.terms[m0] / q.terms[m0]
        return ((), c) if all(p.terms[m] == k * c for m, k in q.terms.items()) else None
    mp, cp = next(iter(p.key()))
    for mq, cq in q.terms.items():
        r = mono_mul(mp, mono_pow(mq, Fraction(-1)))
        c = cp / cq
        if all(p.terms.get(mono_mul(m, r)) == k * c for m, k in q.terms.items()):
            return r, c
    return None
