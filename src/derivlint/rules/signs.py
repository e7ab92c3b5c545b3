"""The sign of a factor, as the engine's origins show it (for the gradient rules).

A step ``lr * g`` moves along ``+g`` or ``-g`` depending on the sign of ``lr``. The
sign is read from what computed the value: constants (folded through arithmetic),
sizes (``len(y)``, ``X.shape[0]``), ``sqrt``/``exp``/``abs``, and sums and products
of those. A plain scalar whose value the program does not show (a learning rate
passed in) counts as positive: step sizes are positive by convention, and a
negated one is written ``-lr``, which the engine sees. Anything else has no
known sign, and the rules then report nothing.
"""

from __future__ import annotations

import ast

from derivlint.rules.common import sigmoid_logit, softmax_of
from derivlint.shapes.values import ScalarV, TupleV, UnknownV, Value

MUL = frozenset({"operator.mul", "numpy.multiply"})
DIV = frozenset({"operator.truediv", "numpy.divide", "numpy.true_divide"})
ADD = frozenset({"operator.add", "numpy.add"})
SUB = frozenset({"operator.sub", "numpy.subtract"})
NEG = frozenset({"operator.neg", "numpy.negative"})
#: results that are never negative (zero only makes the step vanish)
NONNEGATIVE = frozenset({"numpy.sqrt", "numpy.exp", "numpy.abs", "numpy.absolute", "numpy.square", "builtins.len"})
#: the sign of the result is the sign of the first input
_SAME_SIGN = frozenset({"builtins.float", "builtins.int", "builtins.abs"})
#: reshapings that keep every entry (and so its sign)
RESHAPES = frozenset({"getitem", "numpy.reshape", "numpy.expand_dims", "numpy.ravel", "numpy.transpose"})
MAX_DEPTH = 8


def argument_of(value: Value) -> Value | None:
    """The caller's value a declared parameter was bound from."""
    arg = value.origin.param("argument")
    return arg if isinstance(arg, Value) else None


def const_value(value: Value, depth: int = 0) -> float | None:
    """The number a scalar is known to be, folding ``1 - 0.9``, ``-lr``, ``2 / 100``."""
    if not isinstance(value, ScalarV) or depth > MAX_DEPTH:
        return None
    c = value.const
    if isinstance(c, (int, float)) and not isinstance(c, bool):
        return float(c)
    if value.dim is not None and value.dim.is_const:
        return float(value.dim.const)
    o = value.origin
    ins = [const_value(v, depth + 1) for v in o.inputs]
    if not ins or any(i is None for i in ins):
        return None
    if o.func in NEG:
        return -ins[0]  # type: ignore[operator]
    if len(ins) != 2:
        return None
    a, b = ins
    try:
        if o.func in ADD:
            return a + b  # type: ignore[operator]
        if o.func in SUB:
            return a - b  # type: ignore[operator]
        if o.func in MUL:
            return a * b  # type: ignore[operator]
        if o.func in DIV:
            return a / b  # type: ignore[operator]
        if o.func == "operator.pow":
            return float(a ** b)  # type: ignore[operator]
    except (ArithmeticError, TypeError, ValueError):
        return None
    return None


def sign_of(value: Value, depth: int = 0) -> int | None:
    """+1 or -1 when the sign of ``value`` (a factor of a step) is known, else None."""
    if depth > MAX_DEPTH:
        return None
    c = const_value(value)
    if c is not None:
        return (c > 0) - (c < 0) or None
    o = value.origin
    f, ins = o.func, o.inputs
    if f == "join" and ins:  # a number set differently on two paths: both must agree
        signs = {sign_of(v, depth + 1) for v in ins}
        return signs.pop() if len(signs) == 1 else None
    if isinstance(value, ScalarV) and (o.reason == "literal" or (f is None and o.reason.startswith("shape["))):
        # a literal whose number the engine no longer knows (two paths), or a size X.shape[0]
        return None if o.reason == "literal" else 1
    if f in NEG and ins:
        s = sign_of(ins[0], depth + 1)
        return -s if s else None
    if (f in MUL or f in DIV or f == "operator.floordiv") and len(ins) == 2:
        a, b = sign_of(ins[0], depth + 1), sign_of(ins[1], depth + 1)
        return a * b if a and b else None
    if (f in ADD or f in SUB) and len(ins) == 2:
        a, b = sign_of(ins[0], depth + 1), sign_of(ins[1], depth + 1)
        if f in SUB and b:
            b = -b
        return a if a and a == b else None
    if f == "operator.pow" and len(ins) == 2:
        e = const_value(ins[1])
        if e is not None and e == int(e) and int(e) % 2 == 0:
            return 1
        return 1 if sign_of(ins[0], depth + 1) == 1 else None
    if f in NONNEGATIVE:
        return 1
    if f == "numpy.prod" and ins and isinstance(ins[0], TupleV):  # np.prod(Y.shape): a size
        items = ins[0].items
        return 1 if items and all(isinstance(i, ScalarV) and i.dim is not None for i in items) else None
    if f in _SAME_SIGN and ins:
        return sign_of(ins[0], depth + 1)
    arg = argument_of(value)
    if arg is not None:
        return sign_of(arg, depth + 1)
    if f is None and isinstance(value, ScalarV) and o.reason != "literal":
        return 1  # a scalar the program does not show: a step size, positive by convention
    if isinstance(value, UnknownV) and isinstance(o.node, ast.arg):
        return 1  # a parameter used as a factor: a step size passed in
    return None


def scaled(value: Value) -> tuple[int | None, Value]:
    """``(sign, core)`` with ``value = sign * (positive scalar) * core``: strips ``-``, ``lr *``, ``/ n``."""
    sign = 1
    for _ in range(MAX_DEPTH):
        o = value.origin
        if o.func in NEG and o.inputs:
            sign, value = -sign, o.inputs[0]
            continue
        if (o.func in MUL or o.func in DIV) and len(o.inputs) == 2:
            a, b = o.inputs
            if isinstance(b, ScalarV) and not isinstance(a, ScalarV):
                factor, value = b, a
            elif o.func in MUL and isinstance(a, ScalarV) and not isinstance(b, ScalarV):
                factor, value = a, b
            else:
                break
            s = sign_of(factor)
            if s is None:
                return None, value
            sign *= s
            continue
        arg = argument_of(value)
        if arg is None or isinstance(arg, UnknownV):
            break  # an uncalled function's parameter: its declared value is all there is to know
        value = arg
    return sign, value


def unit_interval(value: Value, depth: int = 0) -> bool:
    """Whether every entry is a probability: a sigmoid or softmax (or an entry of one)."""
    if depth > MAX_DEPTH:
        return False
    if sigmoid_logit(value) is not None or softmax_of(value) is not None:
        return True
    o = value.origin
    if o.func in ("scipy.special.softmax", "scipy.special.expit"):
        return True
    if (o.func in RESHAPES or o.func == "join") and o.inputs:
        return all(unit_interval(v, depth + 1) for v in o.inputs[:1 if o.func in RESHAPES else None])
    if o.func == "numpy.clip" and len(o.inputs) == 3:  # np.clip(p, eps, 1 - eps), or any bounds in [0, 1]
        lo, hi = const_value(o.inputs[1]), const_value(o.inputs[2])
        return lo is not None and hi is not None and 0 <= lo <= hi <= 1
    arg = argument_of(value)
    return arg is not None and unit_interval(arg, depth + 1)


def nonnegative(value: Value, depth: int = 0) -> bool:
    """Whether every entry is >= 0: ``p * (1 - p)`` of a probability, squares, ``exp``, positive scalars."""
    if depth > MAX_DEPTH:
        return False
    c = const_value(value)
    if c is not None:
        return c >= 0
    if unit_interval(value, depth + 1):
        return True
    o = value.origin
    f, ins = o.func, o.inputs
    if f in MUL and len(ins) == 2:
        return ins[0] is ins[1] or all(nonnegative(v, depth + 1) for v in ins)
    if f in DIV and len(ins) == 2:
        return nonnegative(ins[0], depth + 1) and sign_of(ins[1]) == 1
    if f in ADD and len(ins) == 2:
        return all(nonnegative(v, depth + 1) for v in ins)
    if f in SUB and len(ins) == 2:  # 1 - p for a probability p
        return const_value(ins[0]) == 1.0 and unit_interval(ins[1], depth + 1)
    if f in NONNEGATIVE or (f in RESHAPES and ins and nonnegative(ins[0], depth + 1)):
        return True
    if f == "operator.pow" and len(ins) == 2:
        e = const_value(ins[1])
        return e is not None and e == int(e) and int(e) % 2 == 0
    if f == "join" and ins:
        return all(nonnegative(v, depth + 1) for v in ins)
    if f == "numpy.maximum" and len(ins) == 2:  # np.maximum(p * (1 - p), 1e-10)
        return any(nonnegative(v, depth + 1) for v in ins)
    if f == "numpy.clip" and len(ins) == 3:
        return nonnegative(ins[1], depth + 1)
    arg = argument_of(value)
    if arg is not None:
        return nonnegative(arg, depth + 1)
    return isinstance(value, ScalarV) and sign_of(value) == 1
