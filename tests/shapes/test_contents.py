"""Unwritten ``np.empty`` memory as an engine fact: where the mark is kept, where any write clears it.

Each case ends with ``probe = S + 0`` (or the like): ``probe`` is computed from ``S``,
so it carries ``S``'s mark exactly when ``S`` still is unwritten memory there.
"""

from __future__ import annotations

import ast
import textwrap

import pytest

from derivlint.shapes.contents import uninit_of
from derivlint.shapes.facts import Facts
from derivlint.shapes.interpreter import analyse
from derivlint.sources import program_from_cells, program_from_text

HEAD = "import numpy as np\nX = np.random.randn(20, 3)\nd = 3\nn = 20\n"


def run(code: str) -> Facts:
    return analyse(program_from_text(HEAD + textwrap.dedent(code), "case.py"))


def marked(facts: Facts, name: str = "probe") -> bool:
    values = [v for t, v in facts.assignments if isinstance(t, ast.Name) and t.id == name]
    assert values, f"{name} never assigned"
    return uninit_of(values[-1]) is not None


def read_lines(facts: Facts) -> list[int]:
    """Lines (after HEAD) of operations with an unwritten operand, setitem targets and helper calls aside."""
    lines = set()
    for ev in facts.events:
        if ev.op.startswith("user."):
            continue
        operands = ev.operands[1:] if ev.op == "setitem" else ev.operands
        if any(uninit_of(o.value) is not None for o in operands):
            lines.add(ev.node.lineno - HEAD.count("\n"))  # type: ignore[attr-defined]
    return sorted(lines)


@pytest.mark.parametrize(
    ("make", "unwritten"),
    [
        ("np.empty((d, d))", True),
        ("np.empty(d, dtype=np.float32)", True),
        ("np.empty_like(X)", True),
        ("np.empty(X.shape)", True),
        ("np.zeros((d, d))", False),
        ("np.ones_like(X)", False),
        ("np.empty(d, dtype=object)", False),  # object arrays are filled with None
        ("np.empty((0, d))", False),  # no elements, nothing unwritten
    ],
)
def test_creation(make: str, unwritten: bool) -> None:
    assert marked(run(f"S = {make}\nprobe = S + 0\n")) is unwritten


@pytest.mark.parametrize(
    "code",
    [
        "S = np.empty(d)\nS += 1\n",
        "S = np.empty(d)\nfor x in X:\n    S += x\n",
        "S = np.empty(d)\nfor x in X:\n    S = S + x\n",
        "S = np.empty((d, d))\nfor i in range(d):\n    S[i] += X[i]\n",
        "S = np.empty(n)\nfor i in range(1, n):\n    S[i] = S[i - 1] + X[i, 0]\n",
        "S = np.empty(d)\nT = S\nrow = S.T\n",
        "S = np.empty(d)\nif X[0, 0] > 0:\n    S += 1\n",
        "S = np.empty(d)\nnp.add.at(S, [0, 1], 1.0)\n",
    ],
)
def test_garbage_stays_garbage(code: str) -> None:
    """In-place arithmetic, views, aliases and writes of values computed from the memory keep the mark."""
    assert marked(run(code + "probe = S + 0\n"))


@pytest.mark.parametrize(
    "code",
    [
        "S = np.empty(n)\nfor i in range(n):\n    S[i] = i\n",
        "S = np.empty(d)\nS[0] = 1.0\n",  # partial: coverage is never needed
        "S = np.empty(d)\nS[:] = 0\n",
        "S = np.empty(d)\nS[...] = X[0]\n",
        "S = np.empty(d)\nS.fill(0)\n",
        "S = np.empty(d)\nnp.multiply(X[0], X[1], out=S)\n",
        "S = np.empty(d)\nnp.add(X[0], X[1], S)\n",  # positional out
        "S = np.empty(d)\nnp.copyto(S, X[0])\n",  # not modelled: may write
        "S = np.empty((d, d))\nS.T[0] = 1.0\n",  # through a view
        "S = np.empty((n, d))\nfor row in S:\n    row[:] = 1.0\n",
        "S = np.empty(d)\nT = S\nT[:] = 0\n",  # through an alias
        "S = np.empty(d)\nbox = {'s': S}\nbox['s'][:] = 0\n",
        "S = np.empty(d)\ndef fill(B):\n    B[:] = 0\nfill(S)\n",
        "S = np.empty(d)\ndef reset():\n    S[:] = 0\nreset()\n",
        "S = np.empty(d)\nif X[0, 0] > 0:\n    S[:] = 0\n",  # written on one path: not unwritten on every path
        "S = np.empty(d)\nS = np.ones(d)\n",
    ],
)
def test_any_write_clears(code: str) -> None:
    assert not marked(run(code + "probe = S + 0\n"))


def test_a_loop_that_writes_later_in_its_body_reads_written_memory() -> None:
    facts = run(
        "S = np.empty(n)\nt = 0.0\n"
        "for i in range(n):\n"
        "    if i > 0:\n"
        "        t += S[i - 1]\n"  # on the first pass i == 0: every read follows a write
        "    S[i] = i\n"
    )
    assert read_lines(facts) == []


def test_reads_are_recorded_where_they_happen() -> None:
    facts = run(
        "S = np.empty((d, d))\n"
        "for x in X:\n"
        "    S += np.outer(x, x)\n"  # line 3
        "total = S.sum()\n"  # line 4: S is still (garbage + data)
        "W = np.zeros(d)\nW += 1\n"
    )
    assert read_lines(facts) == [3, 4]


def test_a_helper_reads_its_argument_and_the_caller_then_forgets() -> None:
    facts = run(
        "def acc(A):\n"
        "    A += 1\n"  # line 2: the helper reads the caller's unwritten memory
        "    return A\n"
        "S = np.empty(d)\n"
        "acc(S)\n"
        "probe = S + 0\n"  # the helper may have written it: no longer known unwritten
    )
    assert read_lines(facts) == [2]
    assert not marked(facts)


def test_an_uncalled_function_sees_no_module_array_as_unwritten() -> None:
    facts = run("S = np.empty(d)\ndef step():\n    probe = S + 1\n    return probe\n")
    assert not marked(facts)


def test_object_attributes_are_not_followed() -> None:
    facts = run("class M:\n    def __init__(self):\n        self.S = np.empty(3)\nm = M()\nprobe = m.S + 0\n")
    assert not marked(facts)


def test_the_mark_crosses_notebook_cells() -> None:
    program = program_from_cells(
        [("code", "import numpy as np\nS = np.empty(4)"), ("markdown", "accumulate"), ("code", "S += 1\nprobe = S + 0")],
        "nb.ipynb",
    )
    assert marked(analyse(program))


def test_ufunc_at_is_an_event() -> None:
    facts = run("S = np.zeros(d)\nnp.add.at(S, [0, 0], 1.0)\n")
    (ev,) = [e for e in facts.events if e.op == "numpy.add.at"]
    assert [ast.unparse(o.node) for o in ev.operands] == ["S", "[0, 0]", "1.0"]


@pytest.mark.parametrize(
    "code",
    [
        "S = np.empty(d)\nclass M:\n    pass\nm = M()\nm.S = S\nm.S[:] = 0\n",
        "S = np.empty(d)\nbufs = [None]\nbufs[0] = S\nbufs[0][:] = 0\n",
        (
            "import scipy.optimize\nS = np.empty(d)\ndef cb(w):\n    S[:] = w\n"
            "scipy.optimize.minimize(np.sum, X[0], callback=cb)\n"
        ),
    ],
)
def test_memory_handed_to_what_the_engine_does_not_follow_is_not_known_unwritten(code: str) -> None:
    assert not marked(run(code + "probe = S + 0\n"))
