"""The Gaussian KL against the standard normal ``N(0, I)``: one covariance, the other the identity.

``KL(N(m, S) || N(0, I)) = 1/2 (tr S + m^T m - k - log det S)`` (the VAE's full-covariance
term) and the other direction ``KL(N(0, I) || N(m, S)) = 1/2 (tr S^-1 + m^T S^-1 m - k + log det S)``.
``kl_templates.multivariate`` needs two covariances (both in the trace and the log-det
ratio); here the second is ``I``: ``tr(I^-1 S) = tr S``, ``log det I = 0`` and the
Mahalanobis term is ``m^T m``, written ``m @ m`` or ``np.sum(m**2)``. Both directions are
read, each with the one-mistake variants of ``kl_templates.Terms``.
"""

from __future__ import annotations

from collections.abc import Iterator

from derivlint.rules.expansion import Expander, quad_atom, rank, trace_atom
from derivlint.rules.expansion_ops import reduce, signature
from derivlint.rules.kl_templates import Match, Terms, _compare, _dim_of, all_atoms
from derivlint.rules.polynomial import ZERO, Poly

#: the role key of the identity covariance (shown as ``I``)
EYE = ("eye", None)


def standard(ex: Expander, p: Poly) -> Iterator[Match]:
    atoms = list(all_atoms(p))
    logdets = {a[1] for a in atoms if a[0] == "ld" and isinstance(a[1][0], str)}
    traced = {a[1][0][0] for a in atoms if a[0] == "tr" and len(a[1]) == 1}
    matrices = logdets & traced
    if len(matrices) != 1 or any(a[0] == "tr" and len(a[1]) > 1 for a in atoms):
        return  # two covariances (or a product in a trace): kl_templates.multivariate's
    (s,) = matrices
    dim = _dim_of(ex, s)
    scalars = [Poly({m: c / c}) for m, c in p.terms.items() if len(m) == 1 and m[0][1] == 1 and m[0][0][0] == "v"
               and ex.ranks.get(m[0][0]) in (0, None)]
    ks = ([dim] if dim is not None else []) + scalars
    # the mean: in m^T m (m @ m, np.sum(m**2)) or m^T S^-1 m; or none (a zero mean)
    keys = [a[2][0][0][1] for a in atoms if a[0] == "sum" and len(a[2]) == 1 and a[2][0][1] == 2
            and a[2][0][0][0] == "v" and ex.ranks.get(a[2][0][0]) == 1]
    keys += [a[1] for a in atoms if a[0] == "q" and a[1] == a[3] and a[2] == ((s, True, False),)]
    means: list[tuple[object, Poly] | None] = [None]
    for key in dict.fromkeys(keys):
        plain = _squared_norm(ex, key)
        if plain is not None:
            means.append((key, plain))
    tr_s, tr_inv = _atom(ex, trace_atom(((s, False, False),))), _atom(ex, trace_atom(((s, True, False),)))
    logdet = ex.logdet(((s, False, False),))
    present = set(p.atoms())
    for k in ks:
        for mean in means:
            key, plain = (None, ZERO) if mean is None else mean
            weighted = ZERO if key is None else _atom(ex, quad_atom(key, ((s, True, False),), key))
            readings = (
                ((("Sa", s), ("Sb", EYE), ("ma", key), ("mb", None)), Terms(tr_s, tr_inv, plain, weighted, k, -logdet)),
                ((("Sa", EYE), ("Sb", s), ("ma", None), ("mb", key)), Terms(tr_inv, tr_s, weighted, plain, k, logdet)),
            )
            for roles, terms in readings:
                known = {a for q in (terms.t, terms.t_swapped, terms.m, terms.m_swapped, k, logdet) for a in q.atoms()}
                if present <= known:
                    yield from _compare(p, terms, roles, (), ex)


def _squared_norm(ex: Expander, key: object) -> Poly | None:
    """``m^T m`` as ``m @ m`` expands (the same reduction ``np.sum(m**2)`` gives)."""
    v = ex.values.get(key)  # type: ignore[arg-type]
    sig = signature(ex, v, None, False) if v is not None and rank(v) == 1 else None
    if sig is None:
        return None
    m = ex.poly(v)  # type: ignore[arg-type]
    return reduce(ex, sig, m * m)


def _atom(ex: Expander, a: tuple) -> Poly:
    ex.ranks[a] = 0
    return Poly.atom(a)
