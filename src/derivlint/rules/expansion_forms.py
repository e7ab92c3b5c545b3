"""Two forms ``expansion_ops.expand`` reads as other spellings: a masked product and an ``einsum`` quadratic form."""

from __future__ import annotations

from derivlint.rules.expansion import Expander, rank
from derivlint.rules.polynomial import Poly
from derivlint.shapes.values import ScalarV, Value


def masked(ex: Expander, ins: tuple[Value, ...]) -> Poly | None:
    """``where(p > 0, p * f, 0)`` (or ``p != 0``) is ``p * f``: the masked entries are ``0 * f = 0``.

    Only for a mask on a value that is a factor of every term of the kept branch, and 0 elsewhere.
    """
    cond, kept, other = ins
    if not (isinstance(other, ScalarV) and other.const == 0 and not isinstance(other.const, bool)):
        return None
    c = cond.origin
    if c.func not in ("operator.gt", "operator.ne") or len(c.inputs) != 2:
        return None
    x, zero = c.inputs
    if not (isinstance(zero, ScalarV) and zero.const == 0 and not isinstance(zero.const, bool)):
        return None
    px, pk = ex.poly(x), ex.poly(kept)
    single = px.single()
    if single is None or len(single[0]) != 1 or single[0][0][1] != 1 or not pk.terms:
        return None
    atom = single[0][0][0]
    if any(dict(m).get(atom, 0) < 1 for m in pk.terms):
        return None
    return pk


def quadratic_subscripts(subscripts: object, ins: tuple[Value, ...]) -> bool:
    """``einsum("i,ij,j->", x, M, y)``: the quadratic form ``x^T M y``."""
    if not isinstance(subscripts, str) or len(ins) != 3 or [rank(i) for i in ins] != [1, 2, 1]:
        return False
    lhs, _, out = subscripts.replace(" ", "").partition("->")
    parts = lhs.split(",")
    return out == "" and len(parts) == 3 and len(parts[0]) == len(parts[2]) == 1 and parts[0] != parts[2] \
        and parts[1] == parts[0] + parts[2]
