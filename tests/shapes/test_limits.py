"""``np.finfo``: the engine knows the machine limits numpy gives, without running the code."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from derivlint.shapes.interpreter import analyse
from derivlint.shapes.values import ScalarV
from derivlint.sources import program_from_text

FIELDS = ("eps", "epsneg", "tiny", "smallest_normal", "max", "min", "resolution")


def _value(code: str) -> object:
    facts = analyse(program_from_text(f"import numpy as np\n{code}", "t.py"))
    last = facts.program.tree.body[-1]
    assert isinstance(last, ast.Assign)
    return facts.values.get(last.value)


@pytest.mark.parametrize("dtype, real", [
    ("float", np.float64), ("np.float64", np.float64), ("np.double", np.float64), ("'float64'", np.float64),
    ("'d'", np.float64), ("np.float32", np.float32), ("'float32'", np.float32), ("np.single", np.float32),
    ("np.float16", np.float16), ("'half'", np.float16),
])
@pytest.mark.parametrize("field", FIELDS)
def test_finfo_fields_are_numpys_numbers(dtype: str, real: type, field: str) -> None:
    v = _value(f"x = np.finfo({dtype}).{field}\n")
    assert isinstance(v, ScalarV) and v.kind == "float"
    assert v.const == float(getattr(np.finfo(real), field))


def test_finfo_bound_to_a_name_then_read() -> None:
    v = _value("fi = np.finfo(float)\neps = fi.eps\nx = eps\n")
    assert isinstance(v, ScalarV) and v.const == float(np.finfo(float).eps)


@pytest.mark.parametrize("dtype", ["X.dtype", "np.longdouble", "some_dtype", "np.int32"])
def test_a_dtype_the_engine_cannot_name_gives_an_unknown_float(dtype: str) -> None:
    v = _value(f"X = np.ones(3)\nx = np.finfo({dtype}).eps\n")
    assert isinstance(v, ScalarV) and v.kind == "float" and v.const is None


def test_a_rebound_float_is_not_the_builtin() -> None:
    v = _value("float = np.float32\nx = np.finfo(float).eps\n")
    assert isinstance(v, ScalarV) and v.const == float(np.finfo(np.float32).eps)
