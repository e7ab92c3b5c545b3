"""The discrete KL divergence ``sum P log(P / Q)``, rightly or negated, over candidate distributions."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import permutations

from derivlint.rules.expansion import Expander, unguarded
from derivlint.rules.kl_templates import Match, all_atoms, reduction_paths, scale_of, walk, wrap
from derivlint.rules.polynomial import Poly
from derivlint.shapes.values import Value

MAX_CANDIDATES = 8


def discrete(ex: Expander, value: Value, p: Poly) -> Iterator[Match]:
    """``sum P log(P / Q)`` (and the Bernoulli pair) over every pair of candidate distributions.

    A candidate is a probability the code takes the log of, or a log-probability it
    exponentiates (``exp(logp) * (logp - logq)``). The weight may differ from ``P`` by a
    guard against ``log 0`` (``log(p + 1e-12)``).
    """
    candidates = _candidates(ex, value, p)
    present = {repr(a) for a in all_atoms(p)}
    for path in reduction_paths(p):
        for (ka, pa, la), (kb, pb, lb) in permutations(candidates, 2):
            if pa == pb or any(repr(a) not in present for a in lb.atoms()):
                continue  # every term of a KL has log Q in it
            roles = (("P", ka), ("Q", kb))
            # the weight as the log has it, or without its guard (p * log(p + eps)), or with it
            weights = list(dict.fromkeys((unguarded(pa), pa)))
            forms = [w * (la - lb) for w in weights]
            if pa == ex.poly(ex.values[ka]):  # type: ignore[index]
                # the Bernoulli pair, guarded as its first term is: (1 - p) log((1 - p + eps) / (1 - q + eps))
                forms.extend(w * (la - lb) + _complement(ex, pa, pb, w) for w in weights)
            for form in forms:
                scale = scale_of(p, wrap(ex, path, form))
                if scale is not None:
                    yield Match("correct" if scale[0] > 0 else "sign", roles)


def _complement(ex: Expander, pa: Poly, pb: Poly, weight: Poly) -> Poly:
    """``(1 - p) log((1 - p) / (1 - q))``; for ``p + eps`` (a guard) ``(1 - p) log((1 - p + eps) / (1 - q + eps))``.

    The guard stays on the complement's logs (``log(1 - p + eps)`` is no guarded ``log x``
    to the algebra: its constant is ``1 + eps``); the weight keeps it where the first
    term's weight does (``(p + eps) log(...) + (1 - p + eps) log(...)``).
    """
    one = Poly.const(1)
    (p, eps_p), (q, eps_q) = _guard(pa), _guard(pb)
    return (one - p + (weight - p)) * (ex.log(one - p + eps_p) - ex.log(one - q + eps_q))


def _guard(pa: Poly) -> tuple[Poly, Poly]:
    """``(x, eps)`` for ``pa = x + eps`` with ``eps`` a guard against ``log 0`` (else ``eps = 0``)."""
    x = unguarded(pa)
    return x, pa - x


def _candidates(ex: Expander, value: Value, p: Poly) -> list[tuple[object, Poly, Poly]]:
    """``(key, probability, its log)`` of each candidate distribution."""
    out: dict[object, tuple[object, Poly, Poly]] = {}
    for a in _log_arguments(ex, value):
        pa = ex.poly(a)
        if pa.terms:
            out.setdefault(ex.key(a), (ex.key(a), pa, ex.log(pa)))
    for key in _log_space(ex, value, p):
        la = ex.poly(ex.values[key])  # type: ignore[index]
        out.setdefault(("exp", key), (key, ex.exp(la), la))
    return list(out.values())[:MAX_CANDIDATES]


def _log_space(ex: Expander, value: Value, p: Poly) -> list[object]:
    """Log-probabilities: what the code exponentiates, and values next to an ``exp`` in a term."""
    keys = [ex.key(v.origin.inputs[0]) for v in walk(value) if v.origin.func == "numpy.exp" and v.origin.inputs]
    for m in _monomials(p):
        if any(a[0] == "exp" for a, _ in m):
            keys.extend(a[1] for a, e in m if a[0] == "v" and e == 1)
    return [k for k in dict.fromkeys(keys) if k in ex.values]


def _monomials(p: Poly) -> Iterator[tuple]:
    """The monomials of ``p`` and of the reductions in it."""
    stack = list(p.terms)
    while stack:
        m = stack.pop()
        yield m
        stack.extend(a[2] for a, _ in m if a[0] == "sum")


def _log_arguments(ex: Expander, value: Value) -> list[Value]:
    """Values that a log is taken of (and the factors of a quotient there)."""
    found: dict[object, Value] = {}
    for v in walk(value):
        f, ins = v.origin.func or "", v.origin.inputs
        args: tuple[Value, ...] = ()
        if f in ("numpy.log", "numpy.log2", "numpy.log10") and ins:
            args = _factors(ins[0])
        elif f == "scipy.special.xlogy" and len(ins) == 2:
            args = (ins[0], *_factors(ins[1]))  # xlogy(p, q / p) = p log(q / p)
        elif f in ("scipy.special.rel_entr", "scipy.special.kl_div", "scipy.stats.entropy"):
            args = ins
        for a in args:
            if any(m for m in ex.poly(a).terms):  # a constant is no distribution
                found.setdefault(ex.key(a), a)
    return list(found.values())


def _factors(v: Value, depth: int = 0) -> tuple[Value, ...]:
    f = v.origin.func or ""
    if depth < 3 and f in ("operator.truediv", "numpy.divide", "operator.mul", "numpy.multiply") and len(v.origin.inputs) == 2:
        return (v, *_factors(v.origin.inputs[0], depth + 1), *_factors(v.origin.inputs[1], depth + 1))
    return (v,)
