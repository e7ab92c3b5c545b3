"""What a value computes, as a sum of terms: the engine's origins expanded into a small algebra.

``Expander.poly(value)`` follows ``Origin.func`` / ``inputs`` through arithmetic, ``log``,
``exp``, powers, reductions, dot products (and ``einsum('i,ij,j->')``) and the linear
algebra of exercise 05, and
returns a ``Poly``: a sum of rational coefficients times monomials of *atoms*. An atom
is what the algebra does not look into: a value the engine cannot decompose (a
parameter, a literal, an unknown), ``log`` of a sum, a reduction of a product, the trace
of a matrix product (``tr(S1^-1 S0)``), a quadratic form (``d^T S1^-1 d``), a
log-determinant. Two spellings of one formula expand to the same polynomial, so rules
can compare what a value computes with what it should compute, term by term, and
never from names or source text. Anything the algebra does not know stays an opaque
atom: an unknown never becomes a guess.

Identities used beyond the field axioms: ``log(a b) = log a + log b``, ``log(a^e) = e log a``
(for ``e = 2`` that is ``2 log |a|``), ``log exp x = x``, ``exp(a + b) = exp a exp b``,
``tr(AB) = tr(BA) = tr((AB)^T)``, ``x^T M y = y^T M^T x``,
``log det(A^-1 B) = log det B - log det A`` (square factors), as for
``scipy.special.kl_div``, ``sum(x log(x/y) - x + y) = sum(x log(x/y))`` (normalised inputs),
and ``log(x + c) = log x`` for a guard against ``log 0``: a constant ``0 < c <= GUARD``
(``1e-12``, ``np.finfo(float).eps``; ``unguarded``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from derivlint.rules.polynomial import ZERO, Atom, Poly, TooBig, content, mono_mul, mono_pow
from derivlint.shapes.values import ArrayV, ScalarV, TupleV, Value

if TYPE_CHECKING:
    from derivlint.shapes.dims import Dim
    from derivlint.shapes.facts import Facts

#: a matrix factor: (value key, inverted, transposed)
Factor = tuple

MAX_DEPTH = 60
#: the largest constant taken for a guard against log 0 (``log(p + 1e-12)``, ``np.finfo(float).eps``)
GUARD = Fraction(1, 1000)


#: values computed afresh at each call: never equal to one another by structure
_RANDOM_PREFIXES = ("rng.", "numpy.random.")


class Expander:
    """Expands values of one program; memoised per value (values are immutable)."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._polys: dict[int, Poly] = {}
        self._keys: dict[int, tuple] = {}
        #: every value given a key, by key: what an atom stands for
        self.values: dict[tuple, Value] = {}
        #: the rank of the array each atom stands for (0: a scalar)
        self.ranks: dict[Atom, int | None] = {}
        #: how many elements each reduction signature adds up
        self.sizes: dict[tuple, Poly] = {}
        self._keep: list[Value] = []  # ids are keys only while their values live
        self._depth = 0

    # -- keys -----------------------------------------------------------
    def key(self, v: Value) -> tuple:
        """The same key for the same value: one object, or one deterministic computation of equal inputs."""
        found = self._keys.get(id(v))
        if found is not None:
            return found
        self._keep.append(v)
        o = v.origin
        key: tuple
        if isinstance(v, ScalarV) and v.kind != "bool" and isinstance(v.const, (int, float)):
            key = ("c", repr(v.const))
        elif isinstance(v, TupleV):
            key = ("t", tuple(self.key(i) for i in v.items))
        elif o.func and not o.func.startswith(_RANDOM_PREFIXES) and (o.inputs or o.params) \
                and self._depth < MAX_DEPTH and not o.func.startswith("user."):
            self._depth += 1
            try:
                key = ("f", o.func, repr(o.params), tuple(self.key(i) for i in o.inputs))
            finally:
                self._depth -= 1
        else:
            key = ("id", id(v))
        self._keys[id(v)] = key
        self.values.setdefault(key, v)
        return key

    def leaf(self, v: Value) -> Poly:
        a = ("v", self.key(v))
        self.ranks[a] = rank(v)
        return Poly.atom(a)

    def opaque(self, p: Poly, kind: str = "p") -> Atom:
        """One atom standing for a polynomial the algebra cannot take apart here."""
        single = p.single()
        if single is not None and single[1] == 1 and len(single[0]) == 1 and single[0][0][1] == 1:
            return single[0][0][0]
        a = (kind, p.key())
        self.ranks[a] = self.poly_rank(p)
        return a

    def poly_rank(self, p: Poly) -> int | None:
        ranks = [self.ranks.get(a) for a in p.atoms()]
        if any(r is None for r in ranks):
            return None
        return max(ranks, default=0)  # type: ignore[type-var]

    # -- dims -------------------------------------------------------------
    def dim(self, d: Dim) -> Poly:
        d = self.facts.unifier.resolve(d)
        if d.is_const:
            return Poly.const(d.const)
        if d.const == 0 and len(d.terms) == 1:
            syms, c = d.terms[0]
            out = Poly.const(c)
            for s in syms:
                a = ("sym", s.uid)
                self.ranks[a] = 0
                out = out * Poly.atom(a)
            return out
        a = ("dim", d.const, tuple((tuple(s.uid for s in m), c) for m, c in d.terms))
        self.ranks[a] = 0
        return Poly.atom(a)

    # -- expansion --------------------------------------------------------
    def poly(self, v: Value) -> Poly:
        found = self._polys.get(id(v))
        if found is not None:
            return found
        self._keep.append(v)
        if self._depth >= MAX_DEPTH:
            return self.leaf(v)
        self._depth += 1
        try:
            p = self._expand(v)
        except TooBig:
            p = self.leaf(v)
        finally:
            self._depth -= 1
        self._polys[id(v)] = p
        return p

    def _expand(self, v: Value) -> Poly:
        from derivlint.rules.expansion_ops import expand

        return expand(self, v)

    # -- operations the expansion rules share -------------------------------
    def inverse(self, p: Poly) -> Poly:
        single = p.single()
        if single is not None:
            m, c = single
            return Poly({mono_pow(m, Fraction(-1)): 1 / c})
        return Poly.atom(self.opaque(p), -1)

    def power(self, p: Poly, e: Fraction) -> Poly:
        single = p.single()
        if single is not None and (e.denominator == 1 or single[1] > 0):
            m, c = single
            coef = Fraction(c) ** e if e.denominator == 1 else Fraction(float(c) ** float(e))
            return Poly({mono_pow(m, e): coef})
        if e.denominator == 1 and 0 <= e <= 4:
            out = Poly.const(1)
            for _ in range(int(e)):
                out = out * p
            return out
        if e.denominator == 1 and -4 <= e < 0:
            return self.inverse(self.power(p, -e))
        return Poly.atom(self.opaque(p), e)

    def log(self, p: Poly) -> Poly:
        p = unguarded(p)
        single = p.single()
        if single is None:
            common = content(p)
            if common:  # log((p + e) / (q + e)) = log(p + e) - log(q + e)
                rest = Poly({mono_mul(m, mono_pow(common, Fraction(-1))): c for m, c in p.terms.items()})
                return self.log(Poly({common: Fraction(1)})) + self.log(rest)
        if single is None or single[1] <= 0:
            a = ("log", self.opaque(p))
            self.ranks[a] = self.poly_rank(p)
            return Poly.atom(a)
        m, c = single
        out = ZERO if c == 1 else Poly.const(Fraction(math.log(c)))
        for a, e in m:
            out = out + self.log_atom(a).scale(e)
        return out

    def log_atom(self, a: Atom) -> Poly:
        if a[0] == "exp":
            return Poly({a[1]: Fraction(1)}) if a[1] else ZERO
        if a[0] == "det":
            return self.logdet(a[1])
        if a[0] == "p" and unguarded(Poly(dict(a[1]))).terms.keys() != dict(a[1]).keys():
            return self.log(Poly(dict(a[1])))  # log(1 / (q + eps)): the guard is inside the opaque sum
        out = ("log", a)
        self.ranks[out] = self.ranks.get(a)
        return Poly.atom(out)

    def exp(self, p: Poly) -> Poly:
        out = Poly.const(1)
        for m, c in p.terms.items():
            if len(m) == 1 and m[0][0][0] == "log" and m[0][1] == 1:
                inner = m[0][0][1]
                out = out * Poly.atom(inner, c)
            else:
                a = ("exp", m)
                self.ranks[a] = self.poly_rank(Poly({m: Fraction(1)}))
                out = out * Poly.atom(a, c)
        return out

    def logdet(self, chain: tuple[Factor, ...]) -> Poly:
        """``log det`` of a product of square factors: each factor's, with the sign of its inverse."""
        if len(chain) == 1 or all(self._square(f[0]) for f in chain):
            out = ZERO
            for key, inverted, _ in chain:
                a = ("ld", key)
                self.ranks[a] = 0
                out = out + Poly.atom(a).scale(-1 if inverted else 1)
            return out
        a = ("ld", chain)
        self.ranks[a] = 0
        return Poly.atom(a)

    def _square(self, key: tuple) -> bool:
        v = self.values.get(key)
        if not isinstance(v, ArrayV) or v.shape.rank != 2:
            return False
        return self.facts.unifier.eq(v.shape.dims[0], v.shape.dims[1]) is True


def unguarded(p: Poly) -> Poly:
    """``x`` for ``x + c`` with a small positive constant ``c`` (a guard against ``log 0``), else ``p``.

    ``log(x + 1e-12) = log x`` up to ``c / x``: the guard changes nothing the formula
    says. A constant above ``GUARD`` (``log(p + 1)``, ``log(0.5 + x)``) is part of the value.
    """
    c = p.terms.get(())
    if c is not None and 0 < c <= GUARD and len(p.terms) > 1:
        return p - Poly.const(c)
    return p


def rank(v: Value) -> int | None:
    if isinstance(v, ScalarV):
        return 0
    if isinstance(v, ArrayV):
        return v.shape.rank
    return None


def transpose(chain: tuple[Factor, ...]) -> tuple[Factor, ...]:
    return tuple((k, inv, not t) for k, inv, t in reversed(chain))


def invert(chain: tuple[Factor, ...]) -> tuple[Factor, ...]:
    return tuple((k, not inv, t) for k, inv, t in reversed(chain))


def trace_atom(chain: tuple[Factor, ...]) -> Atom:
    """``tr`` of a product, the same for every rotation and for the transpose."""
    forms = [c[i:] + c[:i] for c in (chain, transpose(chain)) for i in range(len(c))]
    return ("tr", min(forms, key=repr))


def quad_atom(x: tuple, chain: tuple[Factor, ...], y: tuple) -> Atom:
    """``x^T M y``, the same atom as ``y^T M^T x``."""
    forms = [(x, chain, y), (y, transpose(chain), x)]
    return ("q", *min(forms, key=repr))
