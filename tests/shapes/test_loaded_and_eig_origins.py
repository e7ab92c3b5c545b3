"""Origins rules read: loaded data is an array, eig results are tagged, ``x.real`` names its source."""

from __future__ import annotations

import textwrap

from derivlint.shapes.interpreter import analyse
from derivlint.shapes.values import ArrayV
from derivlint.sources import program_from_text


def _assigned(code: str) -> dict[str, ArrayV]:
    facts = analyse(program_from_text(textwrap.dedent(code), "case.py"))
    return {getattr(t, "id", "?"): v for t, v in facts.assignments}  # type: ignore[misc]


def test_loadtxt_and_genfromtxt_give_arrays_of_unknown_shape() -> None:
    values = _assigned("""\
        import numpy as np
        a = np.loadtxt("a.csv", delimiter=",")
        b = np.genfromtxt("b.csv", delimiter=",", dtype=None)
        c = np.loadtxt("c.txt", dtype=int)
        """)
    for name in "abc":
        assert isinstance(values[name], ArrayV) and values[name].shape.variadic
    assert (values["a"].dtype, values["b"].dtype) == ("float", None)  # genfromtxt dtype=None: inferred


def test_a_transpose_of_loaded_data_keeps_its_origin() -> None:
    values = _assigned("""\
        import numpy as np
        data = np.loadtxt("d.csv", delimiter=",")
        X = data[:, :-1]
        G = X.T @ X
        """)
    left, right = values["G"].origin.inputs
    assert values["G"].origin.func == "operator.matmul"
    assert left.origin.func == "numpy.transpose" and left.origin.inputs[0] is right is values["X"]


def test_eig_results_are_tagged_values_then_vectors() -> None:
    values = _assigned("""\
        import numpy as np
        import scipy.linalg
        A = np.random.randn(4, 4)
        w, V = np.linalg.eigh(A.T @ A)
        u, Q = scipy.linalg.eig(A)
        p, P = np.linalg.eig(np.loadtxt("m.txt"))
        r = u.real
        """)
    for name, index in (("w", 0), ("V", 1), ("u", 0), ("Q", 1), ("p", 0), ("P", 1)):
        assert values[name].origin.param("output") == index, name
    assert values["r"].origin.func == "numpy.real" and values["r"].origin.inputs[0] is values["u"]
