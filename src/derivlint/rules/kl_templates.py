"""What a Gaussian KL divergence expands to, rightly and with each single known mistake.

Each template reads the roles (which distribution is which) from the structure of
the expanded value, builds the correct KL for each reading and each one-mistake
variant of it, and compares them with the value exactly (``polynomial.ratio``). A value
equal to the correct KL under some reading is left alone; a value equal to exactly one
variant (over all readings) has that mistake; anything else is unknown. The discrete
KL is in ``kl_discrete``; the pieces both share (``Match``, reductions) are here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations

from derivlint.rules.expansion import Expander, quad_atom, trace_atom
from derivlint.rules.expansion_ops import reduce
from derivlint.rules.polynomial import ZERO, Atom, Poly, ratio
from derivlint.shapes.values import ArrayV, Value

HALF = Fraction(1, 2)


@dataclass(frozen=True)
class Match:
    """One reading of the value: ``kind`` is ``correct`` or the mistake's name."""

    kind: str
    #: role name -> value key (``P``, ``Q``; ``Sa``, ``Sb``, ``ma``, ``mb``; ``va``, ``vb``, ...)
    roles: tuple[tuple[str, object], ...]
    #: the term as the code has it (for locating the mistake), per element and reduced
    wrong: tuple[Poly, ...] = ()

    def role(self, name: str) -> object:
        return dict(self.roles).get(name)


def scale_of(p: Poly, q: Poly) -> tuple[Fraction, bool] | None:
    """``(c, exact)`` when ``p = c * s * q`` with ``s`` a product of (positive) dimensions (``exact``: none)."""
    r = ratio(p, q)
    if r is None or any(a[0] not in ("sym", "dim", "size") for a, _ in r[0]):
        return None
    return r[1], not r[0]


def reduction_paths(p: Poly) -> set[tuple]:
    """The nested reductions the terms of ``p`` sit in, outermost first (and none)."""
    out: set[tuple] = {()}
    for m in p.terms:
        for a, _ in m:
            path: list = []
            while a[0] == "sum":
                path.append(a[1])
                inner = a[2]
                if len(inner) != 1 or inner[0][1] != 1:
                    break
                a = inner[0][0]
            if path:
                out.add(tuple(path))
    return out


def wrap(ex: Expander, path: tuple, p: Poly) -> Poly:
    for sig in reversed(path):
        p = reduce(ex, sig, p)
    return p


def walk(value: Value, limit: int = 400) -> Iterator[Value]:
    """The values ``value`` was computed from (itself first), each once, breadth first."""
    seen = {id(value)}
    queue = [value]
    while queue and limit > 0:
        v = queue.pop(0)
        limit -= 1
        yield v
        for i in v.origin.inputs:
            if id(i) not in seen:
                seen.add(id(i))
                queue.append(i)


# -- Gaussians ---------------------------------------------------------------------------

#: each one-mistake variant: (name, which term the code has wrong)
VARIANTS = ("logdet", "k-sign", "trace", "mahalanobis", "k-missing", "half-logdet")


@dataclass(frozen=True)
class Terms:
    """The terms of one reading: trace (and the other direction's), Mahalanobis (and with the other weight), k, log ratio."""

    t: Poly
    t_swapped: Poly
    m: Poly
    m_swapped: Poly
    k: Poly
    log: Poly

    def variant(self, name: str) -> tuple[Poly, Poly]:
        """``(the variant, its wrong term as written)``; ``half`` and ``sign`` are scales of the correct KL."""
        t, m, k, log = self.t, self.m, self.k, self.log
        if name == "correct":
            return (t + m - k + log).scale(HALF), ZERO
        if name == "logdet":
            return (t + m - k - log).scale(HALF), (-log).scale(HALF)
        if name == "k-sign":
            return (t + m + k + log).scale(HALF), k.scale(HALF)
        if name == "trace":
            return (self.t_swapped + m - k + log).scale(HALF), self.t_swapped.scale(HALF)
        if name == "mahalanobis":
            return (t + self.m_swapped - k + log).scale(HALF), self.m_swapped.scale(HALF)
        if name == "k-missing":
            return (t + m + log).scale(HALF), ZERO
        return (t + m - k).scale(HALF) + log, log


def _compare(p: Poly, terms: Terms, roles: tuple, path: tuple, ex: Expander) -> Iterator[Match]:
    scale = scale_of(p, wrap(ex, path, terms.variant("correct")[0]))
    if scale is not None:
        c, exact = scale
        yield Match("half" if c == 2 and exact else "sign" if c < 0 else "correct", roles)
        return
    monos = p.terms.keys()
    for name in VARIANTS:
        form, wrong = terms.variant(name)
        reduced = wrap(ex, path, form)
        if reduced.terms.keys() == monos and p == reduced:
            yield Match(name, roles, (wrong, wrap(ex, path, wrong)))


def multivariate(ex: Expander, p: Poly) -> Iterator[Match]:
    """``1/2 (tr(Sb^-1 Sa) + d^T Sb^-1 d - k + log det Sb - log det Sa)`` with ``d = mb - ma``."""
    atoms = set(all_atoms(p))
    # both covariances are in the log-det ratio and in the trace (with one mistake, still both)
    matrices = {a[1] for a in atoms if a[0] == "ld" and isinstance(a[1][0], str)}  # a key, not a chain
    matrices &= {f[0] for a in atoms if a[0] == "tr" for f in a[1]}
    vectors = {x for a in atoms if a[0] == "q" for x in (a[1], a[3])}
    if not any(a[0] == "tr" for a in atoms) or len(matrices) > 4:
        return
    means = [(x, y) for x in vectors for y in vectors if repr(x) < repr(y)] + [(x, None) for x in vectors]
    means = means or [(None, None)]  # equal means: no Mahalanobis term
    # k is the dimension (from the covariance's shape) or a scalar the code passes in
    scalars = [Poly({m: Fraction(1)}) for m in p.terms if len(m) == 1 and m[0][1] == 1 and m[0][0][0] == "v"
               and ex.ranks.get(m[0][0]) in (0, None)]
    for sa, sb in permutations(sorted(matrices, key=repr), 2):
        dim = _dim_of(ex, sa)
        for k in ([dim] if dim is not None else []) + scalars:
            yield from _readings(ex, p, sa, sb, k, means)


def _readings(ex: Expander, p: Poly, sa: object, sb: object, k: Poly, means: list) -> Iterator[Match]:
    t, t_swapped = _trace(ex, sb, sa), _trace(ex, sa, sb)
    log = ex.logdet(((sb, False, False),)) - ex.logdet(((sa, False, False),))
    present = set(p.atoms())
    for x, y in means:
        m, m_swapped = _quad(ex, x, y, sb), _quad(ex, x, y, sa)
        if not present <= {a for q in (t, t_swapped, m, m_swapped, k, log) for a in q.atoms()}:
            continue  # a term no variant of this reading has
        roles = (("Sa", sa), ("Sb", sb), ("ma", x), ("mb", y))
        yield from _compare(p, Terms(t, t_swapped, m, m_swapped, k, log), roles, (), ex)


def _trace(ex: Expander, inverted: object, other: object) -> Poly:
    a = trace_atom(((inverted, True, False), (other, False, False)))
    ex.ranks[a] = 0
    return Poly.atom(a)


def _quad(ex: Expander, x: object, y: object, s: object) -> Poly:
    n = ((s, True, False),)
    ends = [] if x is None else [(x, 1)] if y is None else [(x, 1), (y, -1)]
    out = ZERO
    for u, su in ends:
        for w, sw in ends:
            a = quad_atom(u, n, w)
            ex.ranks[a] = 0
            out = out + Poly.atom(a).scale(su * sw)
    return out


def _dim_of(ex: Expander, key: object) -> Poly | None:
    v = ex.values.get(key)  # type: ignore[arg-type]
    if not isinstance(v, ArrayV) or v.shape.rank != 2:
        return None
    return ex.dim(v.shape.dims[0])


def all_atoms(p: Poly) -> Iterator[Atom]:
    """Every atom of ``p``, and the atoms inside reductions, logs and exps."""
    stack = list(p.atoms())
    seen: set = set()
    while stack:
        a = stack.pop()
        if repr(a) in seen:
            continue
        seen.add(repr(a))
        yield a
        if a[0] == "sum":
            stack.extend(x for x, _ in a[2])
        elif a[0] == "exp":
            stack.extend(x for x, _ in a[1])
        elif a[0] == "log" and isinstance(a[1], tuple):
            stack.append(a[1])
        elif a[0] == "p":
            stack.extend(x for m, _ in a[1] for x, _ in m)


# -- diagonal and univariate Gaussians ---------------------------------------------------


def diagonal(ex: Expander, value: Value, p: Poly) -> Iterator[Match]:
    """Per element ``1/2 (va/vb + (ma - mb)^2/vb - 1 + log vb - log va)``, summed as the code sums it.

    A Gaussian's spread is a variance, a standard deviation (``v = s^2``) or a
    log-variance (``v = exp(l)``, ``l`` a value or what the code exponentiates, as
    ``0.1 * rng.normal(size=4)``), read from how it appears (squared, under ``exp``).
    """
    leaves = _leaf_uses(p)
    if len(leaves) > 6:
        return
    spreads: list[tuple[str, object]] = [("unit", None)]
    means: list[object] = [None]
    for key, uses in leaves.items():
        if "exp" in uses:
            spreads.extend([("logvar", key), ("logstd", key)])
        elif "log" in uses:
            spreads.extend([("std", key)] if 2 in uses else [("var", key)] if 1 in uses else [("var", key), ("std", key)])
        else:
            means.append(key)
    for v in walk(value):
        if v.origin.func == "numpy.exp" and v.origin.inputs and ex.poly(v.origin.inputs[0]).single() is not None:
            key = ex.key(v.origin.inputs[0])
            if key not in leaves:
                spreads.extend([("logvar", key), ("logstd", key)])
    spreads = list(dict.fromkeys(spreads))
    if len(spreads) < 2 or len(spreads) > 7:
        return
    paths = reduction_paths(p)
    for (kind_a, va), (kind_b, vb) in permutations(spreads, 2):
        if va == vb:
            continue
        (var_a, log_a), (var_b, log_b) = _spread(ex, kind_a, va), _spread(ex, kind_b, vb)
        t, t_swapped = var_a * ex.inverse(var_b), var_b * ex.inverse(var_a)
        for i, ma in enumerate(means):
            for mb in means[i + 1:] or [None]:  # a mean pair, or equal means
                d = _mean(ex, ma) - _mean(ex, mb)
                m, m_swapped = d * d * ex.inverse(var_b), d * d * ex.inverse(var_a)
                roles = (("va", (kind_a, va)), ("vb", (kind_b, vb)), ("ma", ma), ("mb", mb))
                terms = Terms(t, t_swapped, m, m_swapped, Poly.const(1), log_b - log_a)
                for path in paths:
                    yield from _compare(p, terms, roles, path, ex)


def _spread(ex: Expander, kind: str, key: object) -> tuple[Poly, Poly]:
    """(variance, log variance) of one parametrisation."""
    if kind == "unit":
        return Poly.const(1), ZERO
    x = ex.poly(ex.values[key])  # type: ignore[index]
    if kind == "var":
        return x, ex.log(x)
    if kind == "std":
        return x * x, ex.log(x).scale(2)
    if kind == "logstd":
        return ex.exp(x.scale(2)), x.scale(2)
    return ex.exp(x), x


def _mean(ex: Expander, key: object) -> Poly:
    return ZERO if key is None else ex.poly(ex.values[key])  # type: ignore[index]


def _leaf_uses(p: Poly) -> dict[object, set]:
    """For each leaf value: inside ``log`` / ``exp``, and the exponents it appears with."""
    uses: dict[object, set] = {}

    def visit(m: tuple, context: str | None) -> None:
        for a, e in m:
            if a[0] == "v":
                uses.setdefault(a[1], set()).add(context or abs(e))
            elif a[0] == "sum":
                visit(a[2], context)
            elif a[0] == "exp":
                visit(a[1], "exp")
            elif a[0] == "log":
                visit(((a[1], Fraction(1)),), "log")
            elif a[0] == "p":
                for inner, _ in a[1]:
                    visit(inner, context)

    for m in p.terms:
        visit(m, None)
    return uses
