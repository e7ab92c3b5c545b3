"""The numpy table against numpy: shape errors numpy raises, and the names the table uses.

A shape error the engine proves must be one numpy raises on the same concrete
arrays, with a problem of the matching kind; and every function the table
models must exist under the name it gives.
"""

from __future__ import annotations

import importlib
import inspect
import operator
from typing import Any

import numpy as np
import pytest

from derivlint.shapes.numpy import load
from derivlint.shapes.numpy.table import ATTRIBUTES, METHODS, TABLE

from .test_numpy_table import Case, engine_result, numpy_result

#: (problem kind, snippet numpy rejects)
ERRORS = [
    ("matmul", "np.ones((3, 4)) @ np.ones((3, 4))"),
    ("matmul", "np.ones(3) @ np.ones((4, 2))"),
    ("matmul", "np.ones((2, 3, 4)) @ np.ones((3, 5))"),
    ("matmul", "np.ones((2, 3, 4)) @ np.ones((3, 4, 5))"),
    ("matmul", "np.ones(3) @ 2.0"),
    ("matmul", "np.matmul(np.ones((2, 3)), np.ones(2))"),
    ("matmul", "np.dot(np.ones((2, 3)), np.ones((2, 3)))"),
    ("matmul", "np.dot(np.ones((2, 3, 4)), np.ones((5, 3, 6)))"),
    ("matmul", "np.ones((2, 3)).dot(np.ones(2))"),
    ("matmul", "np.inner(np.ones((2, 3)), np.ones((3, 2)))"),
    ("matmul", "np.einsum('ij,jk->ik', np.ones((2, 3)), np.ones((4, 5)))"),
    ("matmul", "np.einsum('ijk->ij', np.ones((2, 3)))"),
    ("matmul", "np.linalg.solve(np.eye(3), np.ones(4))"),
    ("matmul", "np.linalg.solve(np.eye(3), np.ones((4, 2)))"),
    ("matmul", "np.linalg.inv(np.ones((3, 4)))"),
    ("matmul", "np.linalg.inv(np.ones(3))"),
    ("matmul", "np.linalg.det(np.ones((2, 3)))"),
    ("matmul", "np.linalg.cholesky(np.ones((2, 3)))"),
    ("matmul", "np.linalg.eigh(np.ones((2, 3)))"),
    ("matmul", "np.linalg.lstsq(np.ones((5, 3)), np.ones(4), rcond=None)"),
    ("broadcast", "np.ones((3, 4)) + np.ones(3)"),
    ("broadcast", "np.ones((2, 3)) * np.ones((3, 2))"),
    ("broadcast", "np.ones((2, 3, 4)) - np.ones((3, 1, 5))"),
    ("broadcast", "np.ones(3) < np.ones(4)"),
    ("broadcast", "np.maximum(np.ones(3), np.ones(4))"),
    ("broadcast", "np.where(np.ones(3) > 0, np.ones(4), 0)"),
    ("broadcast", "np.clip(np.ones((2, 3)), np.zeros(2), 1)"),
    ("broadcast", "scipy.special.xlogy(np.ones(3), np.ones(2))"),
    ("broadcast", "rng.normal(np.zeros(3), np.ones(2))"),
    ("broadcast", "np.broadcast_to(np.ones(3), (3, 4))"),
    ("broadcast", "np.broadcast_to(np.ones((2, 3)), (3,))"),
    ("concat", "np.concatenate([np.ones((2, 3)), np.ones((2, 4))])"),
    ("concat", "np.concatenate([np.ones((2, 3)), np.ones(3)])"),
    ("concat", "np.concatenate([np.ones((2, 3)), np.ones((3, 3))], axis=1)"),
    ("concat", "np.stack([np.ones(3), np.ones(4)])"),
    ("concat", "np.vstack([np.ones(3), np.ones(4)])"),
    ("concat", "np.hstack([np.ones((2, 3)), np.ones((3, 3))])"),
    ("concat", "np.column_stack([np.ones(3), np.ones(4)])"),
    ("reshape", "np.arange(12).reshape(5, 3)"),
    ("reshape", "np.ones((3, 4)).reshape(-1, 5)"),
    ("reshape", "np.reshape(np.ones(6), (4, -1))"),
    ("reshape", "np.ones(6).reshape(-1, -1)"),
    ("axis", "np.ones((3, 4)).sum(axis=2)"),
    ("axis", "np.mean(np.ones(3), axis=1)"),
    ("axis", "np.ones((3, 4)).max(axis=-3)"),
    ("axis", "np.argmax(np.ones((3, 4)), axis=2)"),
    ("axis", "np.ones((2, 3)).transpose(0, 2)"),
    ("axis", "np.ones((2, 3)).transpose(0, 1, 2)"),
    ("axis", "np.swapaxes(np.ones((2, 3)), 0, 2)"),
    ("axis", "np.expand_dims(np.ones(3), 3)"),
    ("axis", "np.squeeze(np.ones((2, 3)), axis=0)"),
    ("axis", "np.squeeze(np.ones((1, 3)), axis=2)"),
    ("axis", "np.concatenate([np.ones(3), np.ones(3)], axis=1)"),
    ("axis", "np.stack([np.ones(3), np.ones(3)], axis=2)"),
    ("axis", "np.repeat(np.ones((2, 3)), 2, axis=2)"),
    ("axis", "np.cumsum(np.ones(3), axis=1)"),
    ("axis", "np.argsort(np.ones((2, 3)), axis=2)"),
    ("axis", "scipy.special.softmax(np.ones(3), axis=1)"),
    ("axis", "scipy.special.logsumexp(np.ones((2, 3)), axis=2)"),
    ("axis", "np.linalg.norm(np.ones(3), axis=1)"),
]


@pytest.mark.parametrize(("kind", "expr"), ERRORS, ids=[f"{k}: {e}" for k, e in ERRORS])
def test_engine_proves_what_numpy_rejects(kind: str, expr: str) -> None:
    code = Case(kind, expr).code
    with pytest.raises((ValueError, IndexError)):
        numpy_result(code)
    _, facts = engine_result(code)
    assert [p.kind for p in facts.problems] == [kind], [p.message for p in facts.problems]


# -- the table's names ----------------------------------------------------------------


def real_callable(path: str) -> Any:
    """The object a table entry names: ``numpy.linalg.svd``, ``rng.normal``, ``operator.add``."""
    if path.startswith("rng."):
        return getattr(np.random.default_rng(0), path.removeprefix("rng."))
    if path.startswith("operator."):
        return getattr(operator, path.removeprefix("operator."))
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(path)


load()


@pytest.mark.parametrize("qualname", sorted(TABLE))
def test_table_names_a_real_callable(qualname: str) -> None:
    assert callable(real_callable(TABLE[qualname].numpy))


@pytest.mark.parametrize("qualname", sorted(q for q in TABLE if not q.startswith("operator.")))
def test_table_parameters_follow_the_signature(qualname: str) -> None:
    """Arguments bind as numpy binds them: positional ones by position, the rest by name."""
    entry = TABLE[qualname]
    try:
        sig = inspect.signature(real_callable(entry.numpy))
    except (TypeError, ValueError):
        pytest.skip("no introspectable signature")
    real = list(sig.parameters.values())
    positional = [p for p in real if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    star = any(p.kind is p.VAR_POSITIONAL for p in real)
    by_name = {p.name for p in real if p.kind is not p.POSITIONAL_ONLY}
    loose = any(p.kind is p.VAR_KEYWORD for p in real)
    for i, name in enumerate(p for p in entry.params if p):
        if i < len(positional):
            p = positional[i]
            assert p.kind is p.POSITIONAL_ONLY or p.name == name, (
                f"argument {i} is {p.name}, table says {name}"
            )
        else:
            assert star or loose or name in by_name, f"{name} is not a parameter of {sig}"


@pytest.mark.parametrize("name", sorted(METHODS))
def test_method_entries_are_ndarray_methods(name: str) -> None:
    assert callable(getattr(np.ndarray, name, None)), f"ndarray has no method {name}"


@pytest.mark.parametrize("name", sorted(ATTRIBUTES))
def test_attribute_entries_are_ndarray_attributes(name: str) -> None:
    assert hasattr(np.ones((2, 3)), name)


def test_every_numpy_entry_is_exercised() -> None:
    """Each modelled numpy / scipy function appears in at least one agreement case."""
    from .test_numpy_table import ALIASES, CREATION, OPERATORS, RANDOM, REDUCTIONS, SPECIAL, UFUNCS
    from .test_numpy_table_linalg import LINALG, PRODUCTS
    from .test_numpy_table_shapes import MANIPULATION

    cases = OPERATORS + CREATION + RANDOM + UFUNCS + REDUCTIONS + SPECIAL + ALIASES
    covered = {c.name for c in cases + PRODUCTS + LINALG + MANIPULATION}
    assert sorted(q for q in TABLE if q not in covered) == []
