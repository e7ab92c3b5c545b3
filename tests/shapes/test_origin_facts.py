"""Origins rules follow (exercise 05): slogdet results, scipy divergences, memoised helpers.

What computed a value (``Origin.func`` / ``inputs`` / ``params``), as P401 and P402 read it.

A rule that reads ``logdet1 - logdet0`` needs to know that ``logdet1`` is the
log-determinant (not the sign) of ``S1``; one that reads ``logdet(S1) - logdet(S0)``
through a helper needs each call's result to lead back to its own argument, even
though the engine analyses the helper once for both (the memo is on shapes).
"""

from __future__ import annotations

import ast
import textwrap

from derivlint.shapes.facts import Facts
from derivlint.shapes.interpreter import analyse
from derivlint.shapes.values import Value
from derivlint.sources import program_from_text


def run(code: str) -> Facts:
    return analyse(program_from_text(textwrap.dedent(code), "case.py"))


def assigned(facts: Facts, name: str) -> Value:
    """The last value assigned to ``name``."""
    found = [v for t, v in facts.assignments if isinstance(t, ast.Name) and t.id == name]
    assert found, name
    return found[-1]


def binding(facts: Facts, name: str) -> Value:
    """The value ``name`` was first bound to (an argument the code passed on)."""
    return next(v for t, v in facts.assignments if isinstance(t, ast.Name) and t.id == name)


HEAD = """\
import numpy as np
A = np.random.randn(4, 4)
S0 = A @ A.T + np.eye(4)
S1 = np.eye(4) * 2.0
"""


def test_slogdet_results_are_tagged_sign_and_logdet() -> None:
    facts = run(HEAD + "sign, logdet = np.linalg.slogdet(S0)\nld = np.linalg.slogdet(S1)[1]\n")
    sign, logdet, ld = (assigned(facts, n) for n in ("sign", "logdet", "ld"))
    for value, index in ((sign, 0), (logdet, 1), (ld, 1)):
        assert value.origin.func == "numpy.linalg.slogdet"
        assert value.origin.param("output") == index
    assert logdet.origin.inputs[0] is assigned(facts, "S0")
    assert ld.origin.inputs[0] is assigned(facts, "S1")


def test_trace_solve_inv_det_log_keep_their_inputs() -> None:
    facts = run(HEAD + "t = np.trace(np.linalg.solve(S1, S0))\nu = np.trace(np.linalg.inv(S1) @ S0)\n"
                "v = np.log(np.linalg.det(S0))\nw = (np.linalg.inv(S1) @ S0).trace()\n")
    t, u, v, w = (assigned(facts, n) for n in "tuvw")
    s0, s1 = assigned(facts, "S0"), assigned(facts, "S1")
    assert t.origin.func == "numpy.trace" and t.origin.inputs[0].origin.func == "numpy.linalg.solve"
    assert t.origin.inputs[0].origin.inputs == (s1, s0)
    product = u.origin.inputs[0]
    assert product.origin.func == "operator.matmul" and product.origin.inputs[1] is s0
    assert product.origin.inputs[0].origin.func == "numpy.linalg.inv" and product.origin.inputs[0].origin.inputs == (s1,)
    assert v.origin.func == "numpy.log" and v.origin.inputs[0].origin.func == "numpy.linalg.det"
    assert w.origin.func == "numpy.trace" and w.origin.inputs[0].origin.func == "operator.matmul"


def test_scipy_divergences_are_modelled() -> None:
    facts = run("""\
        import numpy as np
        from scipy.special import rel_entr, kl_div
        from scipy.stats import entropy
        p = np.full(4, 0.25)
        q = np.array([0.1, 0.2, 0.3, 0.4])
        r = rel_entr(p, q).sum()
        k = kl_div(p, q)
        e = entropy(p, q)
        """)
    p, q = binding(facts, "p"), binding(facts, "q")
    r = assigned(facts, "r")
    assert r.origin.func == "numpy.sum" and r.origin.inputs[0].origin.func == "scipy.special.rel_entr"
    assert r.origin.inputs[0].origin.inputs == (p, q)
    assert assigned(facts, "k").origin.func == "scipy.special.kl_div"
    e = assigned(facts, "e")
    assert e.origin.func == "scipy.stats.entropy" and e.origin.inputs == (p, q)


def test_a_memoised_helper_leads_back_to_each_call_s_own_argument() -> None:
    facts = run(HEAD + """\
def logdet(S):
    return np.linalg.slogdet(S)[1]
a = logdet(S1)
b = logdet(S0)
""")
    a, b = assigned(facts, "a"), assigned(facts, "b")
    assert a.origin.inputs[0] is assigned(facts, "S1")
    assert b.origin.inputs[0] is assigned(facts, "S0")
    assert b.origin.param("output") == 1


def test_a_memoised_helper_with_declared_parameters_gives_each_call_its_own_stand_in() -> None:
    facts = run(HEAD + '''\
def logdet(S):
    """S : ndarray of shape (k, k)"""
    return np.linalg.slogdet(S)[1]
a = logdet(S1)
b = logdet(S0)
c = logdet(S1)
d = logdet(S0)
''')
    a, b, c, d = (assigned(facts, n) for n in "abcd")
    assert a.origin.inputs[0] is not b.origin.inputs[0]
    assert a.origin.func == b.origin.func == "numpy.linalg.slogdet"
    # one argument, one stand-in: logdet(S0) - logdet(S0) still cancels
    assert c.origin.inputs[0] is a.origin.inputs[0]
    assert d.origin.inputs[0] is b.origin.inputs[0]


def test_a_helper_first_called_with_one_value_twice_is_analysed_again() -> None:
    facts = run("""\
        import numpy as np
        def cross(p, q):
            return np.sum(p * np.log(q))
        p = np.full(3, 1 / 3)
        q = np.array([0.2, 0.3, 0.5])
        h = cross(p, p)
        c = cross(p, q)
        """)
    p, q = binding(facts, "p"), binding(facts, "q")
    product = assigned(facts, "c").origin.inputs[0]
    assert product.origin.inputs[0] is p
    assert product.origin.inputs[1].origin.inputs[0] is q
