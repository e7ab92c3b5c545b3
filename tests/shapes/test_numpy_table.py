"""The numpy table against numpy itself.

Each case is a snippet of numpy code with concrete sizes. The engine
evaluates it abstractly; the test then runs the same snippet with numpy (our
own fixture, not checked code) and the two must agree on every shape and, where
the engine names one, on the dtype kind. So the table cannot drift from numpy.

This module holds the harness and the operator, creation, random, ufunc,
reduction and ``scipy.special`` cases; the sibling ``test_numpy_table_*``
modules hold the other families, the error cases and the table's names.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from derivlint.shapes.facts import Facts
from derivlint.shapes.interpreter import analyse
from derivlint.shapes.values import ArrayV, ScalarV, TupleV, Value
from derivlint.sources import program_from_text

PRELUDE = "import numpy as np\nimport scipy.special\nimport scipy.linalg\nrng = np.random.default_rng(0)\n"
#: a 3-D array most reduction and manipulation cases start from
X3 = "X = np.arange(24.0).reshape(2, 3, 4)\n"


@dataclass(frozen=True)
class Case:
    """``result = expr`` after ``setup``; ``name`` is the table entry it exercises."""

    name: str
    expr: str
    setup: str = ""
    #: why some dims are data-dependent: then only the rank and the constant dims are compared
    partial: str = ""
    #: an engine bug outside the table (the case is a strict xfail until it is fixed)
    xfail: str = ""

    @property
    def code(self) -> str:
        return f"{PRELUDE}{self.setup}result = {self.expr}\n"


def params(cases: Iterable[Case]) -> list[Any]:
    """pytest params with readable ids (``numpy.sum: X.sum(axis=1)``)."""
    out = []
    for c in cases:
        marks = [pytest.mark.xfail(reason=c.xfail, strict=True)] if c.xfail else []
        out.append(pytest.param(c, id=f"{c.name}: {c.expr}", marks=marks))
    return out


def engine_result(code: str) -> tuple[Value | None, Facts]:
    """The engine's value of ``result``: the right-hand side of the last statement."""
    facts = analyse(program_from_text(code, "t.py"))
    last = facts.program.tree.body[-1]
    assert isinstance(last, ast.Assign)
    return facts.values.get(last.value), facts


def numpy_result(code: str) -> Any:
    """Run the snippet with numpy and return ``result``."""
    namespace: dict[str, Any] = {}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        exec(compile(code, "<case>", "exec"), namespace)  # noqa: S102 - our own fixture
    return namespace["result"]


_KINDS = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}


def real_kind(x: Any) -> str:
    if isinstance(x, (bool, np.bool_)):
        return "bool"
    return _KINDS[np.asarray(x).dtype.kind]


def assert_agrees(
    facts: Facts, inferred: Value | None, real: Any, partial: bool, where: str = "result"
) -> None:
    """Compare an engine value with numpy's result, recursing into tuples of results."""
    if isinstance(real, tuple):
        assert isinstance(inferred, TupleV), f"{where}: numpy gives a tuple, engine {inferred!r}"
        assert len(inferred.items) == len(real), f"{where}: tuple lengths differ"
        for i, (v, r) in enumerate(zip(inferred.items, real)):
            assert_agrees(facts, v, r, partial, f"{where}[{i}]")
        return
    assert isinstance(inferred, (ArrayV, ScalarV)), (
        f"{where}: numpy gives an array, engine {inferred!r}"
    )
    shape = np.shape(real)
    if isinstance(inferred, ArrayV):
        got = inferred.shape
        dims = [facts.unifier.resolve(d) for d in got.dims]
        consts = tuple(d.const if d.is_const else None for d in dims)
        if not partial:
            assert not got.variadic and None not in consts, (
                f"{where}: engine {facts.fmt(got)}, numpy {shape}"
            )
        if got.variadic:
            tail = shape[len(shape) - len(consts) :] if consts else ()
            assert len(consts) <= len(shape), f"{where}: engine {facts.fmt(got)}, numpy {shape}"
        else:
            tail = shape
            assert len(consts) == len(shape), f"{where}: engine {facts.fmt(got)}, numpy {shape}"
        for d, r in zip(consts, tail):
            assert d is None or d == r, f"{where}: engine {facts.fmt(got)}, numpy {shape}"
        kind = inferred.dtype
    else:
        assert shape == (), f"{where}: engine gives a scalar, numpy shape {shape}"
        kind = inferred.kind
    if kind is not None:
        assert kind == real_kind(real), (
            f"{where}: engine dtype {kind}, numpy {np.asarray(real).dtype}"
        )


def check_case(case: Case) -> None:
    inferred, facts = engine_result(case.code)
    real = numpy_result(case.code)
    assert not facts.problems, [p.message for p in facts.problems]
    assert_agrees(facts, inferred, real, bool(case.partial))


# -- operators ------------------------------------------------------------------

OPERATORS = [
    Case("operator.add", "np.ones((3, 1)) + np.ones(4)"),
    Case("operator.sub", "np.ones((2, 3, 1)) - np.ones((3, 4))"),
    Case("operator.sub", "1.0 - np.ones(3)"),
    Case("operator.mul", "np.ones((3, 4)) * 2"),
    Case("operator.mul", "np.arange(3) * np.arange(4)[:, None]"),
    Case("operator.truediv", "np.ones(4) / np.ones((3, 1))"),
    Case("operator.truediv", "np.arange(4) / 2"),
    Case("operator.floordiv", "np.arange(12).reshape(3, 4) // 2"),
    Case("operator.floordiv", "np.arange(4.0) // np.ones((2, 1))"),
    Case("operator.pow", "np.ones((3, 4)) ** np.ones((1, 4))"),
    Case("operator.pow", "2 ** np.arange(3)"),
    Case("operator.pow", "np.ones((2, 3)) ** 2"),
    Case("operator.mod", "np.arange(6).reshape(2, 3) % 4"),
    Case("operator.matmul", "np.ones((3, 4)) @ np.ones((4, 5))"),
    Case("operator.neg", "-np.ones((3, 4))"),
    Case("operator.neg", "-np.arange(3)"),
    Case("operator.pos", "+np.ones((2, 1))"),
    Case("operator.invert", "~(np.ones((2, 3)) > 0)"),
    Case("operator.add", "x", setup="x = np.ones((3, 4))\nx += np.ones(4)\n"),
    Case("operator.mul", "x", setup="x = np.ones((2, 1, 3))\nx *= 2.0\n"),
    Case("operator.lt", "np.ones((3, 1)) < np.ones(4)"),
    Case("operator.le", "np.ones((2, 3)) <= 1"),
    Case("operator.gt", "0 > np.ones((2, 1, 4))"),
    Case("operator.ge", "np.arange(4) >= np.arange(4)[:, None]"),
    Case("operator.eq", "np.ones((3, 1)) == np.zeros(2)"),
    Case("operator.ne", "np.arange(3) != 1"),
    Case("operator.and_", "(np.ones(3) > 0) & (np.ones((2, 1)) < 2)"),
    Case("operator.or_", "(np.ones((2, 3)) > 0) | (np.ones(3) < 2)"),
]

# -- creation -------------------------------------------------------------------

CREATION = [
    Case("numpy.loadtxt", "np.loadtxt(io.StringIO('1 2\\n3 4'))", setup="import io\n", partial="the file's shape"),
    Case("numpy.loadtxt", "np.loadtxt(io.StringIO('1 2\\n3 4'), dtype=int)", setup="import io\n", partial="the file's shape"),
    Case("numpy.genfromtxt", "np.genfromtxt(io.StringIO('1,2\\n3,4'), delimiter=',')", setup="import io\n",
         partial="the file's shape"),
    Case("numpy.zeros", "np.zeros((3, 4))"),
    Case("numpy.zeros", "np.zeros(5)"),
    Case("numpy.zeros", "np.zeros((2, 3), dtype=int)"),
    Case("numpy.zeros", "np.zeros(X.shape)", setup=X3),
    Case("numpy.zeros", "np.zeros((X.shape[0], 1))", setup=X3),
    Case("numpy.ones", "np.ones([2, 3])"),
    Case("numpy.ones", "np.ones((2, 3), dtype=np.int32)"),
    Case("numpy.ones", "np.ones(X.shape[1:])", setup=X3),
    Case("numpy.empty", "np.empty((2, 3, 4))"),
    Case("numpy.empty", "np.empty(4, dtype=bool)"),
    Case("numpy.full", "np.full((2, 3), 7.0)"),
    Case("numpy.full", "np.full(4, True)"),
    Case("numpy.full", "np.full((2, 2), 3)"),
    Case("numpy.zeros_like", "np.zeros_like(np.ones((3, 4)))"),
    Case("numpy.zeros_like", "np.zeros_like(np.ones((2, 3)), shape=(4,))"),
    Case("numpy.ones_like", "np.ones_like(np.arange(5))"),
    Case("numpy.empty_like", "np.empty_like(np.ones((2, 3)), dtype=bool)"),
    Case("numpy.full_like", "np.full_like(np.ones((2, 3)), 0.5)"),
    Case("numpy.eye", "np.eye(3)"),
    Case("numpy.eye", "np.eye(3, 5)"),
    Case("numpy.eye", "np.eye(4, k=1)"),
    Case("numpy.eye", "np.eye(2, dtype=int)"),
    Case("numpy.identity", "np.identity(4)"),
    Case("numpy.arange", "np.arange(5)"),
    Case("numpy.arange", "np.arange(5.0)"),
    Case("numpy.arange", "np.arange(2, 10)"),
    Case("numpy.arange", "np.arange(0, 10, 3)"),
    Case("numpy.arange", "np.arange(0.0, 1.0, 0.25)"),
    Case("numpy.arange", "np.arange(10, 0, -2)"),
    Case("numpy.arange", "np.arange(X.shape[1])", setup=X3),
    Case("numpy.linspace", "np.linspace(0, 1)"),
    Case("numpy.linspace", "np.linspace(0, 1, 7)"),
    Case("numpy.linspace", "np.linspace(0, 1, num=7, endpoint=False)"),
    Case("numpy.logspace", "np.logspace(0, 2, 5)"),
    Case("numpy.geomspace", "np.geomspace(1, 8, 4)"),
    Case("numpy.array", "np.array([[1, 2, 3], [4, 5, 6]])"),
    Case("numpy.array", "np.array([1.0, 2.0])"),
    Case("numpy.array", "np.array([[[1], [2]]])"),
    Case("numpy.array", "np.array([True, False])"),
    Case("numpy.array", "np.array(3.0)"),
    Case("numpy.array", "np.array([[1, 2], [3, 4]], dtype=float)"),
    Case("numpy.array", "np.array((1, 2.5))"),
    Case("numpy.array", "np.array(np.ones((2, 3)))"),
    Case("numpy.array", "np.array([np.ones(3), np.zeros(3)])"),
    Case("numpy.asarray", "np.asarray([1, 2, 3])"),
    Case("numpy.asanyarray", "np.asanyarray([[1.0], [2.0]])"),
    Case("numpy.ascontiguousarray", "np.ascontiguousarray(np.ones((2, 3)).T)"),
    Case("numpy.copy", "np.copy(np.ones((2, 3)))"),
    Case("numpy.copy", "np.ones((2, 3)).copy()"),
    Case("numpy.atleast_2d", "np.atleast_2d(np.ones(3))"),
    Case("numpy.atleast_2d", "np.atleast_2d(2.0)"),
    Case("numpy.finfo", "np.finfo(float).eps"),
    Case("numpy.finfo", "np.finfo(np.float32).tiny * np.ones(3)"),
]

# -- numpy.random and Generator methods ------------------------------------------

RANDOM = [
    Case("numpy.random.randn", "np.random.randn(3, 4)"),
    Case("numpy.random.randn", "np.random.randn(5)"),
    Case("numpy.random.randn", "np.random.randn()"),
    Case("numpy.random.rand", "np.random.rand(2, 3, 4)"),
    Case("numpy.random.normal", "np.random.normal(size=(3, 4))"),
    Case("numpy.random.normal", "np.random.normal(0, 1, (2, 3))"),
    Case("numpy.random.normal", "np.random.normal(np.zeros(3), 1.0)"),
    Case("numpy.random.normal", "np.random.normal()"),
    Case("numpy.random.uniform", "np.random.uniform(-1, 1, size=5)"),
    Case("numpy.random.uniform", "np.random.uniform(size=(2, 2))"),
    Case("numpy.random.standard_normal", "np.random.standard_normal((2, 3))"),
    Case("numpy.random.standard_normal", "np.random.standard_normal(size=4)"),
    Case("numpy.random.random", "np.random.random((2, 3))"),
    Case("numpy.random.random_sample", "np.random.random_sample(4)"),
    Case("numpy.random.sample", "np.random.sample((2, 1))"),
    Case(
        "numpy.random.multivariate_normal",
        "np.random.multivariate_normal(np.zeros(3), np.eye(3), 4)",
    ),
    Case("numpy.random.randint", "np.random.randint(0, 10, size=(3, 2))"),
    Case("numpy.random.randint", "np.random.randint(5, size=4)"),
    Case("numpy.random.randint", "np.random.randint(10)"),
    Case("numpy.random.choice", "np.random.choice(10, size=3)"),
    Case("numpy.random.choice", "np.random.choice(np.arange(5.0), size=(2, 2))"),
    Case("numpy.random.choice", "np.random.choice(5, 3, replace=False)"),
    Case("numpy.random.choice", "np.random.choice(5)"),
    Case("numpy.random.permutation", "np.random.permutation(5)"),
    Case("numpy.random.permutation", "np.random.permutation(np.ones((4, 2)))"),
    Case("rng.normal", "rng.normal(size=(3, 4))"),
    Case("rng.normal", "rng.normal(0.0, 1.0, size=5)"),
    Case("rng.normal", "rng.normal(np.zeros((2, 1)), np.ones(3))"),
    Case("rng.normal", "rng.normal()"),
    Case("rng.standard_normal", "rng.standard_normal((2, 3))"),
    Case("rng.standard_normal", "rng.standard_normal(size=4)"),
    Case("rng.standard_normal", "rng.standard_normal()"),
    Case("rng.uniform", "rng.uniform(0, 1, size=(2, 3))"),
    Case("rng.uniform", "rng.uniform(size=3)"),
    Case("rng.integers", "rng.integers(0, 10, size=(3,))"),
    Case("rng.integers", "rng.integers(5, size=(2, 2))"),
    Case("rng.integers", "rng.integers(5)"),
    Case("rng.choice", "rng.choice(5, size=3)"),
    Case("rng.choice", "rng.choice(np.ones((4, 2)), size=3)"),
    Case("rng.choice", "rng.choice(np.ones((4, 2)))"),
    Case("rng.choice", "rng.choice(np.arange(4.0), (2, 3), replace=True)"),
    Case("rng.random", "rng.random((2, 2))"),
    Case("rng.permutation", "rng.permutation(6)"),
    Case("rng.multivariate_normal", "rng.multivariate_normal(np.zeros(2), np.eye(2), size=5)"),
    Case("rng.multivariate_normal", "rng.multivariate_normal(np.zeros(2), np.eye(2))"),
    Case("rng.dirichlet", "rng.dirichlet(np.ones(4))"),
    Case("rng.dirichlet", "rng.dirichlet(np.ones(3), size=5)"),
    Case("rng.dirichlet", "rng.dirichlet(np.ones(3), size=(2, 4))"),
    Case("numpy.random.dirichlet", "np.random.dirichlet([0.5, 1.0, 2.0], 6)"),
    Case("rng.normal", "np.random.default_rng().normal(size=3)"),
    Case("rng.uniform", "np.random.default_rng(42).uniform(size=(2, 2))"),
]

# -- ufuncs ---------------------------------------------------------------------

# fmt: off
_UNARY = (
    "exp", "log", "log1p", "log2", "log10", "expm1", "sqrt", "tanh", "sin", "cos", "tan",
    "arctan", "arcsin", "arccos", "sinh", "cosh", "exp2", "cbrt", "reciprocal", "abs",
    "absolute", "sign", "negative", "square", "floor", "ceil", "round", "rint", "trunc", "fabs",
    "conj", "conjugate", "real", "imag", "isnan", "isinf", "isfinite", "logical_not",
)
_BINARY = (
    "maximum", "minimum", "power", "add", "subtract", "multiply", "divide", "true_divide",
    "logaddexp", "arctan2", "fmax", "fmin", "hypot", "mod", "floor_divide", "float_power",
    "copysign", "greater", "less", "equal", "not_equal", "greater_equal", "less_equal",
    "logical_and", "logical_or", "logical_xor",
)
# fmt: on

UFUNCS = [
    *(Case(f"numpy.{f}", f"np.{f}(np.ones((3, 4)))") for f in _UNARY),
    *(Case(f"numpy.{f}", f"np.{f}(np.arange(3))") for f in _UNARY),
    *(Case(f"numpy.{f}", f"np.{f}(2.0)") for f in ("exp", "log", "sqrt", "abs")),
    *(Case(f"numpy.{f}", f"np.{f}(np.ones((3, 1)), np.arange(1, 5))") for f in _BINARY),
    *(Case(f"numpy.{f}", f"np.{f}(np.arange(1, 4), 2)") for f in _BINARY),
    Case("numpy.abs", "abs(np.arange(-3, 3))"),
    Case("numpy.conj", "np.ones((2, 3)).conj()"),
    Case("numpy.conjugate", "(np.ones((2, 3)) * 1j).conjugate()"),
    Case("numpy.isnan", "np.isnan(np.ones((2, 3)))"),
    Case("numpy.maximum", "np.maximum(np.ones((3, 1)), np.zeros(4))"),
    Case("numpy.maximum", "np.maximum(0, np.ones((2, 3)))"),
    Case("numpy.minimum", "np.minimum(np.arange(3), np.arange(3)[:, None])"),
    Case("numpy.power", "np.power(np.ones((3, 1)), np.arange(4))"),
    Case("numpy.power", "np.power(np.arange(3), 2)"),
    Case("numpy.divide", "np.divide(np.arange(3), 2)"),
    Case("numpy.logaddexp", "np.logaddexp(np.ones((2, 1)), np.ones(3))"),
    Case("numpy.where", "np.where(np.ones((3, 1)) > 0, np.ones(4), 0.0)"),
    Case("numpy.where", "np.where(np.arange(4) > 1, np.arange(4), 0)"),
    Case(
        "numpy.where",
        "np.where(np.ones((2, 3)) > 0)",
        partial="the number of hits is data-dependent",
    ),
    Case(
        "numpy.where", "np.where(np.arange(4) > 1)", partial="the number of hits is data-dependent"
    ),
    Case("numpy.clip", "np.clip(np.ones((3, 4)), 0, 1)"),
    Case("numpy.clip", "np.clip(np.arange(5), 1, 3)"),
    Case("numpy.clip", "np.clip(np.ones((3, 1)), np.zeros(4), 1)"),
    Case("numpy.clip", "np.ones((3, 4)).clip(0, 1)"),
    Case("numpy.clip", "np.ones((3, 4)).clip(min=0)"),
]

# -- reductions: every function, method form, axis None / int / negative / tuple --

_REDUCTIONS = ("sum", "mean", "max", "min", "argmax", "argmin", "prod", "std", "var", "any", "all")
#: function-only reductions (ndarray has no such methods)
# fmt: off
_FUNCTION_REDUCTIONS = (
    "amax", "amin", "ptp", "nansum", "nanmean", "nanstd", "nanvar", "nanmax", "nanmin",
    "median", "average",
)
# fmt: on
_NO_TUPLE_AXIS = ("argmax", "argmin")


def _reduction_cases(f: str) -> list[Case]:
    cases = [
        Case(f"numpy.{f}", f"np.{f}(X)", setup=X3),
        Case(f"numpy.{f}", f"X.{f}()", setup=X3),
        Case(f"numpy.{f}", f"np.{f}(X, axis=0)", setup=X3),
        Case(f"numpy.{f}", f"X.{f}(1)", setup=X3),
        Case(f"numpy.{f}", f"np.{f}(X, -1)", setup=X3),
        Case(f"numpy.{f}", f"X.{f}(axis=-2, keepdims=True)", setup=X3),
        Case(f"numpy.{f}", f"np.{f}(X, keepdims=True)", setup=X3),
        Case(f"numpy.{f}", f"np.{f}(np.arange(5) > 2)"),
        Case(f"numpy.{f}", f"np.{f}([[1, 2], [3, 4]], axis=0)"),
    ]
    if f not in _NO_TUPLE_AXIS:
        cases += [
            Case(f"numpy.{f}", f"np.{f}(X, axis=(0, 2))", setup=X3),
            Case(f"numpy.{f}", f"X.{f}(axis=(0, -1), keepdims=True)", setup=X3),
        ]
    return cases


REDUCTIONS = [
    *(c for f in _REDUCTIONS for c in _reduction_cases(f)),
    *(Case(f"numpy.{f}", f"np.{f}(X)", setup=X3) for f in _FUNCTION_REDUCTIONS),
    *(
        Case(f"numpy.{f}", f"np.{f}(X, axis=-1, keepdims=True)", setup=X3)
        for f in _FUNCTION_REDUCTIONS
    ),
    *(Case(f"numpy.{f}", f"np.{f}(X, axis=(0, 1))", setup=X3) for f in _FUNCTION_REDUCTIONS),
    Case("numpy.std", "np.std(X, 0, None, None, 1)", setup=X3),
    Case("numpy.max", "np.max(X, 1, None, True)", setup=X3),
    Case("numpy.median", "np.median(X, 1, None, False, True)", setup=X3),
    Case("numpy.average", "np.average(X, axis=1, weights=np.ones(3), returned=True)", setup=X3),
    Case("numpy.std", "X.std(axis=0, ddof=1)", setup=X3),
    Case("numpy.sum", "sum(np.ones((3, 4)))"),
    Case("numpy.cumsum", "np.cumsum(X)", setup=X3),
    Case("numpy.cumsum", "X.cumsum(axis=1)", setup=X3),
    Case("numpy.cumprod", "np.cumprod(np.arange(4), axis=-1)"),
    Case("numpy.count_nonzero", "np.count_nonzero(X, axis=1)", setup=X3),
    Case("numpy.median", "np.median(X, axis=0)", setup=X3),
    Case("numpy.average", "np.average(X, axis=(1, 2))", setup=X3),
]

# -- scipy.special --------------------------------------------------------------

SPECIAL = [
    Case("scipy.special.expit", "scipy.special.expit(np.ones((3, 4)))"),
    Case("scipy.special.expit", "scipy.special.expit(np.arange(3))"),
    Case("scipy.special.log_expit", "scipy.special.log_expit(np.ones(5))"),
    Case("scipy.special.logit", "scipy.special.logit(np.full((2, 2), 0.5))"),
    Case("scipy.special.erf", "scipy.special.erf(np.ones(3))"),
    Case("scipy.special.gammaln", "scipy.special.gammaln(np.ones((2, 3)))"),
    Case("scipy.special.digamma", "scipy.special.digamma(2.0)"),
    Case("scipy.special.xlogy", "scipy.special.xlogy(np.ones((3, 1)), np.ones(4))"),
    Case("scipy.special.xlog1py", "scipy.special.xlog1py(np.ones(3), 0.5)"),
    Case("scipy.special.logsumexp", "scipy.special.logsumexp(X)", setup=X3),
    Case("scipy.special.logsumexp", "scipy.special.logsumexp(X, axis=1)", setup=X3),
    Case("scipy.special.logsumexp", "scipy.special.logsumexp(X, axis=-1, keepdims=True)", setup=X3),
    Case("scipy.special.logsumexp", "scipy.special.logsumexp(X, axis=(0, 1))", setup=X3),
    Case("scipy.special.logsumexp", "scipy.special.logsumexp(X, axis=0, b=np.ones(4))", setup=X3),
    Case(
        "scipy.special.logsumexp", "scipy.special.logsumexp(X, axis=1, return_sign=True)", setup=X3
    ),
    Case(
        "scipy.special.logsumexp", "scipy.special.logsumexp(np.ones(3), axis=-1, b=np.ones((2, 3)))"
    ),
    Case("scipy.special.softmax", "scipy.special.softmax(X)", setup=X3),
    Case("scipy.special.softmax", "scipy.special.softmax(X, axis=1)", setup=X3),
    Case("scipy.special.log_softmax", "scipy.special.log_softmax(X, axis=-1)", setup=X3),
    Case("scipy.special.rel_entr", "scipy.special.rel_entr(np.full((2, 3), 0.5), np.full(3, 0.2))"),
    Case("scipy.special.kl_div", "scipy.special.kl_div(np.full(4, 0.25), 0.5)"),
    Case("scipy.stats.entropy", "scipy.stats.entropy(np.full(4, 0.25))", setup="import scipy.stats\n"),
    Case("scipy.stats.entropy", "scipy.stats.entropy(np.full((4, 3), 0.25), np.full(3, 0.5))",
         setup="import scipy.stats\n"),
    Case("scipy.stats.entropy", "entropy(np.full((4, 3), 0.25), axis=1)", setup="from scipy.stats import entropy\n"),
    Case("scipy.stats.entropy", "entropy(np.full((2, 3), 0.5), base=2, axis=None)",
         setup="from scipy.stats import entropy\n"),
]

# -- imports under aliases --------------------------------------------------------

ALIASES = [
    Case("numpy.sum", "onp.ones((2, 3)).sum(0)", setup="import numpy as onp\n"),
    Case("numpy.linalg.inv", "inv(np.eye(3) + 1)", setup="from numpy.linalg import inv\n"),
    Case(
        "numpy.linalg.solve",
        "la.solve(np.eye(3) + 1, np.ones((3, 2)))",
        setup="import numpy.linalg as la\n",
    ),
    Case(
        "scipy.special.expit",
        "sigmoid(np.ones((2, 3)))",
        setup="from scipy.special import expit as sigmoid\n",
    ),
    Case(
        "scipy.special.logsumexp",
        "logsumexp(np.ones((2, 3)), axis=1)",
        setup="from scipy.special import logsumexp\n",
    ),
    Case(
        "scipy.special.softmax",
        "sp.softmax(np.ones((2, 3)), axis=0)",
        setup="import scipy.special as sp\n",
    ),
    Case("numpy.random.randn", "npr.randn(2, 3)", setup="from numpy import random as npr\n"),
    Case(
        "rng.normal",
        "g.normal(size=(2,))",
        setup="from numpy.random import default_rng\ng = default_rng(1)\n",
    ),
    Case(
        "numpy.linalg.svd",
        "linalg.svd(np.ones((3, 2)), full_matrices=False)",
        setup="from scipy import linalg\n",
    ),
    Case("numpy.zeros", "zeros((2, 5))", setup="from numpy import zeros\n"),
]


@pytest.mark.parametrize(
    "case", params(OPERATORS + CREATION + RANDOM + UFUNCS + REDUCTIONS + SPECIAL + ALIASES)
)
def test_engine_agrees_with_numpy(case: Case) -> None:
    check_case(case)
