"""L201: the OLS normal equations with a transpose missing or misplaced."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from derivlint.findings import Edit, Finding, Fix, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.factors import (
    Factor,
    factor,
    operand_nodes,
    product,
    product_factors,
    scaled_matrix,
)
from derivlint.rules.symmetry import same, symmetric
from derivlint.shapes.dims import format_dim
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.shape import Unifier
from derivlint.shapes.values import ArrayV, ScalarV, Value

_INVERSES = frozenset({"numpy.linalg.inv", "numpy.linalg.pinv"})
_SOLVES = frozenset({"numpy.linalg.solve", "scipy.linalg.solve", "numpy.linalg.lstsq", "scipy.linalg.lstsq"})
_PRODUCT_OPS = frozenset({"@", "numpy.dot", "numpy.matmul"})
_SUMS = frozenset({"operator.add", "operator.sub", "numpy.add", "numpy.subtract"})
#: (first Gram factor, second Gram factor, moment) transposed, per layout of the data
_WANTED = {"rows": (True, False, True), "columns": (False, True, False)}


@dataclass(frozen=True)
class NormalEquations:
    """``solve(P @ Q, R @ y)`` or ``inv(P @ Q) @ R [@ y]``: P, Q, R factors of one matrix."""

    system: ast.AST  # the solve call, or the product with the inverse
    gram: Value  # the product P @ Q (ridge and scaling looked through)
    p: Factor
    q: Factor
    r: Factor
    moment: Value | None  # R @ y, when written as one product
    moment_node: ast.AST  # the product R is an operand of (where a missing R transpose is reported)
    y: Value | None
    y_node: ast.AST | None


class NormalEquationsMissingTranspose(Rule):
    """## What it does
    Reports the least-squares normal equations with a transpose missing or misplaced:
    `inv(X @ X) @ X @ y`, `inv(X.T @ X) @ X @ y`, `solve(X @ X.T, X.T @ y)`. The
    system matrix and the right-hand side are read from how they were computed (any
    spelling: `X.T`, `np.transpose(X)`, `X.transpose()`, `@`, `np.dot`, `X.T.dot(X)`,
    `inv` / `pinv` / `solve` / `lstsq` under any import, through variables, helper
    functions and notebook cells). With `G = P Q` and right-hand side `R y`, where
    `P`, `Q`, `R` are `X` or `X^T`, the equations are consistent only when `G = R R^T`;
    inconsistent ones are reported. (Consistent equations whose `y` has the length of
    the other side of `X`, `inv(X @ X.T) @ X @ y` for `y` of length `n`, are left to
    S101: `y` may be the wrong operand.) Which transposes to move follows the layout
    the shapes prove (the rows of `y` match one side of `X` only), else samples in rows.
    Consistent forms are silent: `solve(X.T @ X, X.T @ y)`, ridge
    `solve(X.T @ X + lam * np.eye(d), X.T @ y)`, `pinv(X) @ y`, `lstsq(X, y)`, the
    dual `X.T @ solve(X @ X.T + lam * np.eye(n), y)`, and `solve(X @ X.T, X @ v)`
    (the row-space projection, `G = R R^T` again). So is a matrix not shown to be a
    data matrix: `inv(A @ A) @ A @ b` is reported only when `A` is provably not
    square (or declared with two different dims, `(n, d)`), a Gram product `A.T @ A`
    counts as evidence unless `A` is provably square, and a symmetric `A` (where
    `A^T = A`) is never reported.

    ## Why is this bad?
    Minimising `||X w - y||^2` for `X` of shape `(n, d)` gives `X^T X w = X^T y`:
    `d` equations in `d` unknowns. `X X^T` is the `(n, n)` Gram matrix of the samples
    and `X y` multiplies the targets by the wrong side: when `n != d` numpy raises
    (derivlint's S101 would say where, this rule says why; the S101 is then not
    repeated), and when `n == d` nothing fails and `w` is simply wrong.

    ## Example
    ```python
    w = np.linalg.inv(X.T @ X) @ X @ y
    w = np.linalg.solve(X @ X.T, X.T @ y)
    ```

    ## Use instead
    ```python
    w = np.linalg.solve(X.T @ X, X.T @ y)
    w, *_ = np.linalg.lstsq(X, y, rcond=None)   # better conditioned still
    ```

    ## Fix safety
    The fix toggles the transposes that differ from the normal equations (`X` becomes
    `X.T`, a written `X.T` becomes `X`). It is safe when the shapes prove the layout
    (the rows of `y` match one side of `X` and not the other): the code as written
    then raises on every input, and the fixed one is the only consistent form. When the
    layout is not proven the fix assumes samples in rows, `(n, d)`, and is unsafe: with
    samples in columns the other transpose is the one to move. No fix is offered when a
    factor is built in another function (the edit would change every caller) or spans
    several lines.

    ## References
    - MIT 18.06, lecture 16 (projection matrices and least squares).
    - Strang, Introduction to Linear Algebra, §4.3; Mathematics for Machine Learning, ch. 9.
    - The Matrix Cookbook, §2.4 (derivatives of quadratic forms). Exercise 01.
    """

    code = "L201"
    name = "normal-equations-missing-transpose"
    severity = "error"
    resources = ("mit-1806: lec. 16", "strang-ila: §4.3", "mml: ch. 9", "matrix-cookbook: §2.4")
    exercise = 1
    supersedes = ("S101",)

    def check(self, facts: Facts) -> Iterable[Finding]:
        after = {id(ev.operands[0].node): ev for ev in facts.events if ev.op in _PRODUCT_OPS and ev.operands}
        seen: set[ast.AST] = set()
        for ev in facts.events:
            eq = _normal_equations(ev, after)
            if eq is None or eq.system in seen:
                continue
            found = _verdict(facts.unifier, eq)
            if found is None:
                continue
            seen.add(eq.system)
            yield self._finding(facts, eq, *found)

    def _finding(
        self, facts: Facts, eq: NormalEquations, wanted: tuple[bool, bool, bool], layout: str | None
    ) -> Finding:
        factors = (eq.p, eq.q, eq.r)
        wrong = [f for f, t in zip(factors, wanted) if f.transposed != t]
        at = eq.gram.origin.node if eq.r not in wrong or len(wrong) > 1 else eq.moment_node
        at = at if at is not None and hasattr(at, "lineno") else eq.system
        name = _name(facts, eq)
        y = source_text(facts, eq.y_node) if eq.y_node is not None else "y"
        got = _equations(name, y, (eq.p.transposed, eq.q.transposed, eq.r.transposed))
        want = _equations(name, y, wanted)
        if layout is None:
            why = f"(assuming samples in rows; with samples in columns it is {_equations(name, y, _WANTED['columns'])})"
        else:
            why = f"({name} is {_shape(facts, eq.p.base)} and {y} has {_rows(facts, eq.y)} rows: samples in {layout})"
        message = (f"{source_text(facts, at)}: a transpose is missing or misplaced in the normal equations: "
                   f"this solves {got}, least squares needs {want} {why}")
        places = [
            (eq.system, "the system solved here"),
            (eq.gram.origin.node, f"{source_text(facts, eq.gram.origin.node)} is the system matrix"),
            (eq.moment_node, "the right-hand side"),
        ]
        if layout is not None:  # the shapes that prove the layout: where they came from
            places += [(v.origin.node, f"{text} is {_shape(facts, v)} here")
                       for v, text in ((eq.p.base, name), (eq.y, y)) if v is not None]
        line = facts.span(at).line
        related = [Related(facts.span(n), text) for n, text in places
                   if n is not None and hasattr(n, "lineno") and facts.span(n).line != line]
        fix = _fix(facts, wrong, layout is not None, eq.system)
        return self.finding(facts.span(at), message, related, fix)


def _normal_equations(ev: OpEvent, after: dict[int, OpEvent]) -> NormalEquations | None:
    """The system, if ``ev`` solves ``P Q x = R y`` with P, Q, R factors of one matrix."""
    if len(ev.operands) < 2:
        return None
    if ev.op in _SOLVES:
        system, rhs = ev.operands[0].value, ev.operands[1]
    elif ev.op in _PRODUCT_OPS and ev.operands[0].value.origin.func in _INVERSES and ev.operands[0].value.origin.inputs:
        system, rhs = ev.operands[0].value.origin.inputs[0], ev.operands[1]
    else:
        return None
    gram = _gram(system)
    factors = product_factors(gram) if gram is not None else None
    if gram is None or factors is None:
        return None
    p, q = factors
    x = p.base
    if not same(q.base, x):
        return None
    value = _unscaled(rhs.value)
    if product(value) is not None:
        left, _ = product_factors(value)  # type: ignore[misc]
        if same(left.base, x):
            nodes = operand_nodes(value.origin.node)
            y_node = nodes[1] if nodes is not None else None
            return NormalEquations(ev.node, gram, p, q, left, value, value.origin.node or ev.node,
                                   value.origin.inputs[1], y_node)
    r = factor(rhs.value, rhs.node)
    if not same(r.base, x):
        return None
    nxt = after.get(id(ev.node)) if ev.op in _PRODUCT_OPS else None
    y, y_node = None, None
    if nxt is not None and len(nxt.operands) > 1:
        y, y_node = nxt.operands[1].value, nxt.operands[1].node
    return NormalEquations(ev.node, gram, p, q, r, None, ev.node, y, y_node)


def _gram(value: Value, depth: int = 0) -> Value | None:
    """The product ``P @ Q`` in ``P @ Q``, ``c * P @ Q``, ``P @ Q / n`` or ``P @ Q + lam * I``."""
    if depth > 4:
        return None
    if product(value) is not None:
        return value
    inner = scaled_matrix(value)
    if inner is not None:
        return _gram(inner, depth + 1)
    origin = value.origin
    if origin.func in _SUMS and len(origin.inputs) == 2:
        for g, ridge in (origin.inputs, origin.inputs[::-1]):
            found = _gram(g, depth + 1)
            if found is not None and (isinstance(ridge, ScalarV) or product(ridge) is None and symmetric(ridge)):
                return found
    return None


def _unscaled(value: Value) -> Value:
    for _ in range(4):
        inner = scaled_matrix(value)
        if inner is None:
            break
        value = inner
    return value


def _verdict(u: Unifier, eq: NormalEquations) -> tuple[tuple[bool, bool, bool], str | None] | None:
    """(the transposes wanted, the proven layout) when the equations are wrong; None when they are fine."""
    x = eq.p.base
    if not isinstance(x, ArrayV) or x.shape.rank not in (2, None) or symmetric(x):
        return None
    got = (eq.p.transposed, eq.q.transposed, eq.r.transposed)
    if got[0] == got[2] and got[1] != got[2]:
        # G = R R^T: consistent. If y's length says the other layout, y may be the wrong one: S101's
        return None
    layout = _layout(u, x, eq.y)
    wanted = _WANTED[layout or "rows"]
    square = u.eq(*x.shape.dims) if x.shape.rank == 2 else None
    declared = _declared_rectangular(x)
    if got[0] != got[1]:  # a Gram product: the matrix is used as data unless it is provably square
        evidence = square is not True or declared
    else:  # X @ X: only a matrix proven (or declared) rectangular is data
        evidence = square is False or declared
    return (wanted, layout) if evidence else None


def _layout(u: Unifier, x: ArrayV, y: Value | None) -> str | None:
    """``rows`` / ``columns``: where the samples are, when the length of ``y`` matches one side of ``x`` only."""
    if x.shape.rank != 2 or not isinstance(y, ArrayV) or y.shape.rank not in (1, 2):
        return None
    rows, cols = x.shape.dims
    m = y.shape.dims[0]
    if u.eq(m, rows) is True and u.eq(m, cols) is False:
        return "rows"
    if u.eq(m, cols) is True and u.eq(m, rows) is False:
        return "columns"
    return None


def _declared_rectangular(x: ArrayV) -> bool:
    """Declared as ``(n, d)``: two different named dims (even if the call site makes them equal)."""
    if x.shape.rank != 2:
        return False
    names = [d.single_symbol.name if d.single_symbol is not None else "" for d in x.shape.dims]
    return all(n not in ("", "_") for n in names) and names[0] != names[1]


def _equations(x: str, y: str, transposed: tuple[bool, bool, bool]) -> str:
    p, q, r = (f"{x}^T" if t else x for t in transposed)
    return f"{p} {q} w = {r} {y}"


def _name(facts: Facts, eq: NormalEquations) -> str:
    """How the data matrix is written: ``X``."""
    for f in (eq.p, eq.q, eq.r):
        node = f.local_transpose[1] if f.local_transpose is not None else f.node if not f.transposed else None
        if node is not None:
            text = source_text(facts, node)
            return text if _atomic(node) else f"({text})"
    return "X"


def _shape(facts: Facts, value: Value) -> str:
    return facts.fmt(value.shape) if isinstance(value, ArrayV) else "unknown"


def _rows(facts: Facts, value: Value | None) -> str:
    if isinstance(value, ArrayV) and value.shape.dims:
        return format_dim(facts.unifier.resolve(value.shape.dims[0]))
    return "?"


def _fix(facts: Facts, wrong: list[Factor], safe: bool, system: ast.AST) -> Fix | None:
    """Toggle the transpose of each wrong factor where it is written."""
    edits = []
    scope = _function_of(facts, system)
    for f in wrong:
        edit = _toggle(facts, f)
        where = _function_of(facts, f.node)
        if edit is None or where is not None and where is not scope:
            return None  # a factor built in another function: an edit there changes every caller
        edits.append(edit)
    if len({e.span for e in edits}) != len(edits):
        return None
    title = "Fix the transposes: " + ", ".join(e.new_text for e in edits)
    return Fix(title, safe, tuple(edits))


def _function_of(facts: Facts, node: ast.AST | None) -> ast.AST | None:
    """The innermost function (or lambda) whose body holds ``node``; None at top level."""
    line = getattr(node, "lineno", None)
    if line is None:
        return None
    inner = None
    for stmt in facts.program.statements_at({line}):
        for fn in ast.walk(stmt):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and fn is not node \
                    and any(n is node for n in ast.walk(fn)):
                inner = fn  # ast.walk is breadth-first: later matches are nested deeper
    return inner


def _toggle(facts: Facts, f: Factor) -> Edit | None:
    if f.local_transpose is not None:
        written, inner = f.local_transpose
        text = _exact(facts, inner)
        return Edit(facts.span(written), text if _atomic(inner) else f"({text})") if text else None
    if f.node is None:
        return None
    text = _exact(facts, f.node)
    return Edit(facts.span(f.node), f"{text}.T" if _atomic(f.node) else f"({text}).T") if text else None


def _atomic(node: ast.AST) -> bool:
    return isinstance(node, ast.Name | ast.Attribute | ast.Subscript | ast.Call)


def _exact(facts: Facts, node: ast.AST) -> str | None:
    """The source of ``node`` as written, when it is on one line."""
    span = facts.span(node)
    lines = facts.program.lines
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return None
    return lines[span.line - 1][span.col : span.end_col]
