"""Another function's declared sizes, met through a field or a global, made flexible here.

``self.W`` set in ``train`` (docstring ``X: (N, D)``) and read in ``predict`` (its own
``X: (N, D)``): the two ``D`` are different declarations that nothing says differ, so the
``D`` of ``train`` is an unknown size in ``predict``. The same holds inside what a field
holds: ``self.params["W"]``, ``W, b = self.cache``, ``self.history[0]``, and an integer
size such as ``self.n_features``.
"""

from __future__ import annotations

from dataclasses import replace

from derivlint.shapes.dims import Dim, Sym
from derivlint.shapes.frames import Frame
from derivlint.shapes.shape import Shape, Unifier
from derivlint.shapes.values import ArrayV, DictV, ScalarV, TupleV, Value

_MAX_DEPTH = 4


def own_sizes(value: Value, frame: Frame, u: Unifier) -> Value:
    """``value`` with the rigid symbols no scope around ``frame`` declared replaced by flexible ones.

    Unchanged parts stay the very same objects, so a value keeps its identity where
    nothing foreign is in it.
    """
    return _Localiser(frame, u).walk(value, 0)


class _Localiser:
    def __init__(self, frame: Frame, u: Unifier) -> None:
        self.frame, self.u = frame, u
        self._own: set[Sym] | None = None

    def own(self) -> set[Sym]:
        """The symbols declared in ``frame`` and the scopes around it (computed once, when needed)."""
        if self._own is None:
            self._own = set()
            f: Frame | None = self.frame
            while f is not None:
                self._own.update(s for d in f.symbols.values() for s in self.u.resolve(d).symbols())
                f = f.parent
        return self._own

    def dim(self, dim: Dim) -> Dim:
        d = self.u.resolve(dim)
        foreign = {s for s in d.symbols() if s.rigid}
        if foreign:
            foreign -= self.own()
        if not foreign:
            return dim
        subst = {s: self.frame.foreign.setdefault(s, Dim.of(Sym(s.name, rigid=False))) for s in foreign}
        return d.substitute(subst)

    def walk(self, v: Value, depth: int) -> Value:
        if isinstance(v, ArrayV):
            if v.shape.variadic:
                return v
            dims = tuple(self.dim(d) for d in v.shape.dims)
            if all(a is b for a, b in zip(dims, v.shape.dims)):
                return v
            return ArrayV(v.origin, Shape(dims), v.dtype, uninit=v.uninit)
        if isinstance(v, ScalarV) and v.dim is not None:
            dim = self.dim(v.dim)
            return v if dim is v.dim else replace(v, dim=dim)
        if depth >= _MAX_DEPTH:
            return v
        if isinstance(v, TupleV):
            items = tuple(self.walk(i, depth + 1) for i in v.items)
            return v if all(a is b for a, b in zip(items, v.items)) else replace(v, items=items)
        if isinstance(v, DictV):
            pairs = tuple((k, self.walk(i, depth + 1)) for k, i in v.items)
            return v if all(a[1] is b[1] for a, b in zip(pairs, v.items)) else replace(v, items=pairs)
        return v
