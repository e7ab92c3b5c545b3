"""Values declared to be a KL divergence, and what is wrong with the ones that are not.

A value is *declared* a KL divergence by the name it is given: the variable it is
assigned to (``kl``, ``kl_div``, ``D_kl``, ``gaussian_kl``) or the function that returns
it. The name only says what was meant; whether the value is a KL, minus a KL, or a
Gaussian KL with one wrong term is decided from what it computes
(``kl_templates``). P401 and P402 share this analysis, so one mistake is one finding:

- P401 (sign): the whole value is minus a KL; the log-det (log-variance) ratio
  inverted; ``+ k`` for ``- k``.
- P402 (formula): the trace of the wrong product (variance ratio inverted), the mean
  difference weighted by the first covariance, ``- k`` missing, the ``1/2`` missing
  (everywhere, or on the log-det term).
"""

from __future__ import annotations

import ast
import functools
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from derivlint.findings import Related, Span
from derivlint.rules import kl_templates as templates
from derivlint.rules.common import source_text
from derivlint.rules.expansion import Expander
from derivlint.rules.expansion_ops import SAME
from derivlint.rules.kl_discrete import discrete
from derivlint.rules.kl_standard import standard
from derivlint.rules.polynomial import Poly
from derivlint.shapes.facts import Facts, in_region
from derivlint.shapes.values import ArrayV, ScalarV, Value

_KL = frozenset({"kl", "kld", "kldiv", "dkl", "kldivergence"})
#: names that say the value is something else built from a KL (its negative, gradient, weight)
_NOT_KL = frozenset({"neg", "negative", "minus", "grad", "gradient", "grads", "elbo", "weight", "beta", "coef",
                     "anneal", "annealing", "warmup", "scale", "factor", "lambda", "threshold", "tol"})

SIGN_KINDS = {"sign": "P401", "logdet": "P401", "k-sign": "P401"}
FORMULA_KINDS = {"trace": "P402", "mahalanobis": "P402", "k-missing": "P402", "half": "P402", "half-logdet": "P402"}
#: the mistakes that are the whole expression's, reported there
WHOLE = frozenset({"sign", "k-sign", "k-missing", "half"})


@functools.lru_cache(maxsize=4096)
def declares_kl(name: str) -> bool:
    tokens = [t.lower() for t in re.split(r"[_\W\d]+|(?<=[a-z])(?=[A-Z])", name) if t]
    if any(t in _NOT_KL for t in tokens):
        return False
    return any(t in _KL for t in tokens) or name.lower() in _KL or "relative_entropy" in name.lower()


@dataclass(frozen=True)
class Declared:
    value: Value
    #: the name that declares it (an assignment target or a function definition)
    anchor: ast.AST
    label: str
    #: the expression the value is written as there (None: the value is the result of a call)
    expr: ast.expr | None


@dataclass(frozen=True)
class Verdict:
    code: str
    kind: str
    declared: Declared
    #: where the mistake is
    node: ast.AST
    family: str  # "discrete" | "multivariate" | "diagonal"
    match: templates.Match
    #: role -> how the code writes it (``Sa`` -> ``Sigma0``, ``va`` -> ``s0**2``)
    texts: tuple[tuple[str, str], ...]

    def text(self, role: str) -> str:
        return dict(self.texts).get(role, "?")


def declared_values(facts: Facts) -> Iterator[Declared]:
    targets = [(t, v) for t, v in facts.assignments if declares_kl(_target_name(t) or "")]
    if not targets and not any(declares_kl(name) for name in _defined_names(facts)):
        return  # most files: nothing is named as a KL
    updated, values, functions = _program_statements(facts)
    for target, value in targets:
        if not isinstance(value, (ArrayV, ScalarV)):
            continue
        name = _target_name(target) or ""
        if any(line > target.lineno for line in updated.get(name, ())):  # type: ignore[attr-defined]
            continue  # built up in steps (kl = ...; kl += ...): only the last step is the KL
        yield Declared(value, target, name, values.get(target))
    for fn in functions:
        if declares_kl(fn.name):
            for ret in _returns(fn):
                if ret.value is None or not in_region(facts, ret.value):
                    continue  # run elsewhere: its findings belong to the facts of that region
                value = facts.values.get(ret.value)
                if isinstance(value, (ArrayV, ScalarV)):
                    yield Declared(value, fn, fn.name, ret.value)


def _target_name(target: ast.AST) -> str | None:
    return target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else None


def _defined_names(facts: Facts) -> Iterator[str]:
    """Names after ``def`` in the text: a cheap test before walking the tree (which then decides)."""
    for line in facts.program.lines:
        stripped = line.lstrip()
        if stripped.startswith(("def ", "async def ")):
            yield stripped.split("def ", 1)[1].split("(", 1)[0].strip()


def _returns(fn: ast.AST) -> Iterator[ast.Return]:
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Return):
            yield n
        elif not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(n))


#: ``_statements`` of each tree read, kept while the tree lives (a notebook keeps an unchanged
#: cell's tree across edits, so an edit reads only the cells it changed)
_by_tree: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _program_statements(facts: Facts) -> tuple[dict[str, list[int]], dict[ast.AST, ast.expr], list[ast.FunctionDef]]:
    """``_statements`` over the program: a ``.py`` file's tree, or the notebook cells parsed so far
    (the facts come from those; a cell not parsed yet has none, and forcing it would parse the
    whole notebook on every edit)."""
    program = facts.program
    trees = [program.tree] if not program.cells else [t for _, t in sorted(program.parsed_trees().items())]
    updated: dict[str, list[int]] = {}
    values: dict[ast.AST, ast.expr] = {}
    functions: list = []
    for tree in trees:
        found = _by_tree.get(tree)
        if found is None:
            found = _by_tree[tree] = _statements(tree)
        for name, lines in found[0].items():
            updated.setdefault(name, []).extend(lines)
        values.update(found[1])
        functions.extend(found[2])
    return updated, values, functions


def _statements(tree: ast.AST) -> tuple[dict[str, list[int]], dict[ast.AST, ast.expr], list[ast.FunctionDef]]:
    """In one walk: lines where a name is updated from itself (``kl += x``, ``kl = kl - x``),
    the expression each target is assigned, and the function definitions."""
    updated: dict[str, list[int]] = {}
    values: dict[ast.AST, ast.expr] = {}
    functions: list = []
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append(n)
        elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name):
            updated.setdefault(n.target.id, []).append(n.lineno)
        elif isinstance(n, ast.Assign):
            for t in n.targets:
                values[t] = n.value
            if len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and declares_kl(n.targets[0].id):
                name = n.targets[0].id
                if any(isinstance(x, ast.Name) and x.id == name for x in ast.walk(n.value)):
                    updated.setdefault(name, []).append(n.lineno)
        elif isinstance(n, ast.AnnAssign) and n.value is not None:
            values[n.target] = n.value
    return updated, values, functions


#: the last facts checked, how far they had got, and their verdicts (P401 and P402 run on the same facts)
_cache: tuple = (None, None, [])


def verdicts(facts: Facts) -> list[Verdict]:
    """Every declared KL with exactly one known mistake (shared by P401 and P402)."""
    global _cache
    # a notebook session reports a cell early from facts it then goes on filling in
    stamp = (len(facts.assignments), len(facts.events), len(facts.values), facts.analysed)
    last = _cache  # one read: another thread may replace it
    if last[0] is facts and last[1] == stamp:
        return last[2]
    found = list(_verdicts(facts))
    _cache = (facts, stamp, found)
    return found


def verdicts_of(facts: Facts, code: str) -> Iterator[tuple[Verdict, Span, list[Related]]]:
    """``code``'s verdicts, one per place, with where the value was declared a KL as related info."""
    seen = set()
    for v in verdicts(facts):
        span = facts.span(v.node)
        if v.code != code or span in seen:
            continue
        seen.add(span)
        yield v, span, [Related(facts.span(v.declared.anchor), f"{v.declared.label} is declared a KL divergence here")]


def _verdicts(facts: Facts) -> Iterator[Verdict]:
    ex = Expander(facts)
    called: dict[int, str] | None = None
    done: set[int] = set()
    for d in declared_values(facts):
        if id(d.value) in done:
            continue
        done.add(id(d.value))
        p = ex.poly(d.value)
        if not p.terms:
            continue
        matches = [("discrete", m) for m in discrete(ex, d.value, p)]
        matches += [("multivariate", m) for m in templates.multivariate(ex, p)]
        matches += [("multivariate", m) for m in standard(ex, p)]
        matches += [("diagonal", m) for m in templates.diagonal(ex, d.value, p)]
        if not matches or any(m.kind == "correct" for _, m in matches):
            continue  # a KL under some reading, or nothing known: no finding
        kinds = {m.kind for _, m in matches}
        if len(kinds) != 1:
            continue  # two different mistakes fit: in doubt
        family, match = matches[0]
        if match.kind == "half":
            called = names(facts) if called is None else called
            if _scales_a_kl(ex, d.value, p) or _named_scale(d.value, called):
                continue  # 2 * kl of a KL the code computed, or beta * KL with beta = 2: meant
        code = SIGN_KINDS.get(match.kind) or FORMULA_KINDS[match.kind]
        node = d.value.origin.node if match.kind in WHOLE else culprit(ex, d.value, match.wrong)
        if node is None or not hasattr(node, "lineno"):
            node = d.expr or d.anchor
        called = names(facts) if called is None else called
        yield Verdict(code, match.kind, d, node, family, match, _texts(facts, ex, called, match))


def _texts(facts: Facts, ex: Expander, called: dict[int, str], match: templates.Match) -> tuple[tuple[str, str], ...]:
    def show(key: object) -> str:
        if key is None:
            return "0"
        v = ex.values.get(key)  # type: ignore[arg-type]
        if v is None:
            return "?"
        name = called.get(id(v))
        return name if name is not None else source_text(facts, v.origin.node) if v.origin.node is not None else "?"

    out = []
    for role, key in match.roles:
        if isinstance(key, tuple) and len(key) == 2 and key[0] in ("var", "std", "logvar", "logstd", "unit", "eye"):
            kind, leaf = key
            text = {"var": "{}", "std": "{}**2", "logvar": "exp({})", "logstd": "exp(2 * {})", "unit": "1", "eye": "I"}[kind]
            text = text.format(show(leaf))
        else:
            text = show(key)
        out.append((role, text))
    return tuple(out)


def _scales_a_kl(ex: Expander, value: Value, p: Poly) -> bool:
    """Whether ``value`` (twice a KL) is computed from a value that is that KL."""
    half = p.scale(Fraction(1, 2))
    return any(v is not value and ex.poly(v) == half for _, v in _walk_depth(value))


_SCALING = frozenset({"operator.mul", "numpy.multiply", "operator.truediv", "numpy.divide", "operator.neg"})


def _named_scale(value: Value, called: dict[int, str], depth: int = 0) -> bool:
    """Whether ``value`` is scaled by a number that comes through a name (``beta = 2.0``): a weight, not a lost 1/2."""
    if isinstance(value, ScalarV) and value.const is not None:
        return id(value) in called
    if value.origin.func not in _SCALING or depth > 8:
        return False
    return any(_named_scale(v, called, depth + 1) for v in value.origin.inputs)


def culprit(ex: Expander, value: Value, wrong: tuple[Poly, ...]) -> ast.AST | None:
    """The smallest sub-expression that holds the wrong term (as written, then as reduced)."""
    for term in wrong:
        if not term.terms:
            continue
        best: tuple[int, int, ast.AST] | None = None
        for depth, v in _walk_depth(value):
            node = v.origin.node
            if not isinstance(node, ast.expr) or v.origin.func is None:
                continue
            p = ex.poly(v)
            if _holds(p, term) and (best is None or (len(p.terms), -depth) < best[:2]):
                best = (len(p.terms), -depth, node)
        if best is not None:
            return best[2]
    return None


def _holds(p: Poly, term: Poly) -> bool:
    ratios = set()
    for m, c in term.terms.items():
        if m not in p.terms:
            return False
        ratios.add(p.terms[m] / c)
    return len(ratios) == 1


def _walk_depth(value: Value, limit: int = 400) -> Iterator[tuple[int, Value]]:
    seen = {id(value)}
    queue = [(0, value)]
    while queue and limit > 0:
        depth, v = queue.pop(0)
        limit -= 1
        yield depth, v
        for i in v.origin.inputs:
            if id(i) not in seen:
                seen.add(id(i))
                queue.append((depth + 1, i))


def names(facts: Facts) -> dict[int, str]:
    """What the code calls each value (the first name it is read or bound under)."""
    out: dict[int, str] = {}
    for node, value in facts.values.items():
        if isinstance(node, ast.Name):
            out.setdefault(id(value), node.id)
            while value.origin.func in SAME and value.origin.inputs:  # m0 = float(...): the float is m0
                value = value.origin.inputs[0]
                out.setdefault(id(value), node.id)
    return out
