"""Arrays the program writes into after computing them: their origin no longer says what they hold.

``R = rng.normal(size=(n, n))`` followed by ``R[i, j] = R[j, i]`` in a loop is symmetric,
whatever the draw was. Rules that read a property from how a value was built (L208's
"provably not symmetric") drop the values listed here.
"""

from __future__ import annotations

import ast

from derivlint.shapes.facts import Facts
from derivlint.shapes.values import UserFuncV

#: library calls and array methods that write into their first argument / receiver
_MUTATORS = frozenset({"numpy.fill_diagonal", "numpy.copyto", "numpy.put", "numpy.place", "numpy.putmask",
                       "numpy.random.shuffle", "rng.shuffle"})
_IN_PLACE = frozenset({"fill", "sort", "put", "itemset", "resize", "partition", "setfield"})


def written_arrays(facts: Facts) -> frozenset[int]:
    """Ids of the arrays the program writes into after computing them.

    ``S[i, j] = ...`` (also inside a function the array is passed to, at every call),
    ``np.fill_diagonal(S, ...)``-style library calls and in-place methods (``S.sort()``).
    """
    ids = {id(ev.operands[0].value) for ev in facts.events if ev.op == "setitem" and ev.operands}
    param_of = {id(value): arg for arg, value in facts.params}
    written_params = {param_of[i] for i in ids if i in param_of}
    for node in list(facts.values) if written_params else ():
        fn = facts.values.get(node.func) if isinstance(node, ast.Call) else None
        if isinstance(fn, UserFuncV) and isinstance(fn.node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            params = [*fn.node.args.posonlyargs, *fn.node.args.args]
            offset = 1 if fn.bound_self is not None else 0
            for i, arg in enumerate(node.args):  # type: ignore[attr-defined]
                value = facts.values.get(arg)
                if value is not None and i + offset < len(params) and params[i + offset] in written_params:
                    ids.add(id(value))  # a memoised call does not re-run the body: mark every call's argument
    for node, value in facts.values.items():
        if value.origin.func in _MUTATORS and value.origin.inputs:
            ids.add(id(value.origin.inputs[0]))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _IN_PLACE:
            receiver = facts.values.get(node.func.value)
            if receiver is not None:
                ids.add(id(receiver))
    return frozenset(ids)
