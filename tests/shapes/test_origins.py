"""Origins stay true: what computed a value survives memoised calls and declarations."""

from __future__ import annotations

import ast
import textwrap

from derivlint.shapes.facts import Facts
from derivlint.shapes.interpreter import analyse
from derivlint.shapes.values import ArrayV, TupleV, Value
from derivlint.sources import program_from_text


def run(code: str) -> Facts:
    facts = analyse(program_from_text(textwrap.dedent(code), "case.py"))
    assert facts.analysed
    return facts


def assigned(facts: Facts, name: str) -> list[Value]:
    return [v for t, v in facts.assignments if ast.unparse(t) == name]


def reaches(value: Value, target: Value, depth: int = 0) -> bool:
    """Whether ``target`` (by identity) is among the values that computed ``value``."""
    if value is target:
        return True
    return depth < 8 and any(reaches(v, target, depth + 1) for v in value.origin.inputs)


def test_a_memoised_call_is_rebound_to_its_own_arguments() -> None:
    facts = run("""\
        import numpy as np
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        a = np.zeros(5)
        b = np.ones(5)
        pa = sigmoid(a)
        pb = sigmoid(b)
        """)
    (a,), (b,) = assigned(facts, "a"), assigned(facts, "b")
    (pa,), (pb,) = assigned(facts, "pa"), assigned(facts, "pb")
    assert reaches(pa, a) and not reaches(pa, b)
    assert reaches(pb, b) and not reaches(pb, a)  # the second call shares the first's analysis
    assert pb.origin.func == pa.origin.func == "operator.truediv"


def test_rebinding_keeps_shared_parts_shared() -> None:
    facts = run("""\
        import numpy as np
        def pair(x):
            e = np.exp(x)
            return e, e / e.sum()
        first = pair(np.zeros(3))
        second = pair(np.ones(3))
        """)
    (second,) = assigned(facts, "second")
    assert isinstance(second, TupleV)
    e, p = second.items
    assert p.origin.inputs[0] is e  # one exp, not two copies of it


def test_a_declared_assignment_keeps_what_computed_the_value() -> None:
    facts = run("""\
        import numpy as np
        z = np.zeros((4, 3))
        e = np.exp(z)  # shape: (n, k)
        """)
    (z,), (e,) = assigned(facts, "z"), assigned(facts, "e")
    assert isinstance(e, ArrayV) and facts.fmt(e.shape) == "(4, 3)"  # n and k bound by the value
    assert e.origin.reason == "declared (n, k)"
    assert e.origin.func == "numpy.exp" and e.origin.inputs[0] is z


def test_a_returns_section_naming_one_result_does_not_replace_a_returned_tuple() -> None:
    facts = run('''\
        import numpy as np
        def forward(X, W):
            """Scores and probabilities.

            Returns:
            - probs: A numpy array of shape (N, C).
            """
            scores = X @ W
            return scores, scores / scores.sum(axis=1, keepdims=True)
        scores, probs = forward(np.ones((6, 4)), np.ones((4, 3)))
        ''')
    (probs,) = assigned(facts, "probs")
    assert isinstance(probs, ArrayV) and facts.fmt(probs.shape) == "(6, 3)"
    assert probs.origin.func == "operator.truediv"


def test_a_value_two_paths_compute_differently_is_either_not_the_first() -> None:
    facts = run("""\
        import numpy as np
        a = np.random.randn(4, 4)
        b = np.random.randn(4, 4)
        if a[0, 0] > 0:
            M = a @ b
        else:
            M = a.T @ a
        N = M
        """)
    (n,) = assigned(facts, "N")
    assert n.origin.func == "join"
    assert {v.origin.func for v in n.origin.inputs} == {"operator.matmul"}
    assert len(n.origin.inputs) == 2 and n.origin.inputs[0] is not n.origin.inputs[1]


def test_a_loop_carried_array_is_its_start_or_the_body_s_value() -> None:
    facts = run("""\
        import numpy as np
        S = np.zeros((3, 3))
        for x in np.random.randn(10, 3):
            S = S + np.outer(x, x)
        T = S
        """)
    (t,) = assigned(facts, "T")
    assert t.origin.func == "join"
    funcs = {v.origin.func for v in t.origin.inputs}
    assert "numpy.zeros" in funcs or "join" in funcs
    assert "operator.add" in funcs


def test_the_shape_entries_of_an_array_of_unknown_rank_are_integers() -> None:
    facts = run("""\
        import numpy as np
        X = np.loadtxt("data.csv")
        n = X.shape[0]
        """)
    (n,) = assigned(facts, "n")
    assert type(n).__name__ == "ScalarV" and n.kind == "int"
