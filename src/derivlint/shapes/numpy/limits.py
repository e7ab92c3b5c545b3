"""Machine limits: ``np.finfo(dtype)`` and the numbers it knows (``eps``, ``tiny``, ``max``).

``eps = np.finfo(float).eps`` is how course code spells its guard against ``log 0``;
knowing the number lets the rules tell a tiny guard (``log(p + eps)``) from a real
offset (``log(p + 1)``). The numbers are IEEE 754's (numpy gives the same), so the
checked code is never run; a dtype the engine cannot name (``np.finfo(X.dtype)``)
gives float scalars of unknown value.
"""

from __future__ import annotations

import ast

from derivlint.shapes.numpy.table import Call, entry
from derivlint.shapes.values import InstanceV, LibFuncV, Origin, ScalarV, StrV, UnknownV, Value

#: bits -> (eps, epsneg, tiny (= smallest_normal), max, resolution): ``float(np.finfo(t).<name>)`` (tests/shapes/test_limits.py)
_LIMITS = {
    16: (0.0009765625, 0.00048828125, 6.103515625e-05, 65504.0, 0.0010004043579101562),
    32: (1.1920928955078125e-07, 5.960464477539063e-08, 1.1754943508222875e-38, 3.4028234663852886e+38, 9.999999974752427e-07),
    64: (2.220446049250313e-16, 1.1102230246251565e-16, 2.2250738585072014e-308, 1.7976931348623157e+308, 1e-15),
}

#: how a float type is named (a string, ``np.<name>``, the builtin ``float``) -> its bits
_NAMES = {
    "float16": 16, "half": 16, "f2": 16, "e": 16,
    "float32": 32, "single": 32, "f4": 32, "f": 32,
    "float64": 64, "double": 64, "float_": 64, "f8": 64, "d": 64, "float": 64,
}


def _bits(c: Call) -> int | None:
    v, node = c.value("dtype"), c.arg_nodes.get("dtype")
    name = None
    if isinstance(v, StrV):
        name = v.value
    elif isinstance(v, LibFuncV) and v.qualname.startswith("numpy."):
        name = v.qualname.removeprefix("numpy.")
    elif isinstance(v, UnknownV) and isinstance(node, ast.Name) and node.id == "float":
        name = "float"  # the builtin: a name the code bound would have a value
    elif isinstance(v, ScalarV) and v.kind == "float" and isinstance(v.const, float):
        name = "float"  # np.finfo(1.0): a Python float is a double
    return _NAMES.get(name) if name is not None else None


@entry("numpy.finfo", "dtype", arrays="")
def finfo(c: Call) -> Value:
    """An object whose ``eps``, ``epsneg``, ``tiny``, ``smallest_normal``, ``max``, ``min``, ``resolution`` are floats."""
    bits = _bits(c)
    limits = _LIMITS.get(bits) if bits is not None else None
    eps, epsneg, tiny, big, resolution = limits if limits is not None else (None,) * 5
    numbers = {"eps": eps, "epsneg": epsneg, "tiny": tiny, "smallest_normal": tiny, "max": big,
               "min": -big if big is not None else None, "resolution": resolution}
    origin = c.origin()
    fields: dict[str, Value] = {
        name: ScalarV(Origin(c.node, f"np.finfo(...).{name}"), "float", None, x) for name, x in numbers.items()
    }
    return InstanceV(origin, None, fields)
