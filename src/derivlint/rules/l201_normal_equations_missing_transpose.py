"""L201: the OLS normal equations with a transpose missing or misplaced."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix, Related
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.factors import Factor
from derivlint.rules.normal_equations import PRODUCT_OPS, NormalEquations, normal_equations
from derivlint.rules.symmetry import symmetric
from derivlint.shapes.dims import format_dim
from derivlint.shapes.facts import Facts
from derivlint.shapes.shape import Unifier
from derivlint.shapes.values import ArrayV, Value

#: (first Gram factor, second Gram factor, moment) transposed, per layout of the data
_WANTED = {"rows": (True, False, True), "columns": (False, True, False)}


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

    Weighted least squares is read the same way, `G = P W Q` and `R W y`: a square
    weight matrix between the factors (`X.T @ W @ X`, `X.T @ np.diag(w) @ X`) or a
    vector multiplied in (`(X.T * w) @ X`, `X.T @ (w[:, None] * X)`, `X.T @ (w * y)`),
    so `solve(X.T @ W @ X, X @ W @ y)` is reported and `solve(X.T @ W @ X, X.T @ W @ y)`
    in any of these spellings is not. Both sides must carry the same weights (compared
    by the vector they are made of: `np.diag(w)` and `w[:, None]` are both `w`) and `W`
    must be samples by samples; a system and a right-hand side weighted differently,
    `solve(X.T @ W @ X, X @ y)`, are not the normal equations of anything this rule
    knows, and their shape clash is left to S101. The size of `W` proves the layout
    like the length of `y` does.

    ## Why is this bad?
    Minimising `||X w - y||^2` for `X` of shape `(n, d)` gives `X^T X w = X^T y`:
    `d` equations in `d` unknowns. `X X^T` is the `(n, n)` Gram matrix of the samples
    and `X y` multiplies the targets by the wrong side: when `n != d` numpy raises
    (derivlint's S101 would say where, this rule says why; the S101 is then not
    repeated), and when `n == d` nothing fails and `w` is simply wrong. With weights,
    minimising `(X w - y)^T W (X w - y)` gives `X^T W X w = X^T W y`, and the same
    transposes go missing.

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
    several lines, nor when a factor to turn carries its own weights (`w[:, None] * X`:
    the weights would then broadcast along the wrong axis). A weight matrix `W` between
    the factors stays where it is, so the weighted fix is safe on the same terms.

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
        after = {id(ev.operands[0].node): ev for ev in facts.events if ev.op in PRODUCT_OPS and ev.operands}
        seen: set[ast.AST] = set()
        for ev in facts.events:
            eq = normal_equations(ev, after)
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
        weight = "W " if eq.weighted else ""
        got = _equations(name, y, (eq.p.transposed, eq.q.transposed, eq.r.transposed), weight)
        want = _equations(name, y, wanted, weight)
        by_y = layout is not None and _layout(facts.unifier, eq.p.base, eq.y) == layout  # type: ignore[arg-type]
        if layout is None:
            other = _equations(name, y, _WANTED["columns"], weight)
            why = f"(assuming samples in rows; with samples in columns it is {other})"
        elif by_y:
            why = f"({name} is {_shape(facts, eq.p.base)} and {y} has {_rows(facts, eq.y)} rows: samples in {layout})"
        else:
            why = (f"({name} is {_shape(facts, eq.p.base)} and the weights W are {_shape(facts, eq.middles[0])}: "
                   f"samples in {layout})")
        kind = "weighted least squares" if eq.weighted else "least squares"
        message = (f"{source_text(facts, at)}: a transpose is missing or misplaced in the normal equations: "
                   f"this solves {got}, {kind} needs {want} {why}")
        places = [
            (eq.system, "the system solved here"),
            (eq.gram.origin.node, f"{source_text(facts, eq.gram.origin.node)} is the system matrix"),
            (eq.moment_node, "the right-hand side"),
        ]
        if layout is not None:  # the shapes that prove the layout: where they came from
            proof = (eq.y, y) if by_y else (eq.middles[0], "W")
            places += [(v.origin.node, f"{text} is {_shape(facts, v)} here")
                       for v, text in ((eq.p.base, name), proof) if v is not None]
        # the products a wrong factor is an operand of, on any line: the shapes clash there (the S101 this explains)
        clashes = [(n, f"{source_text(facts, n)}: {name}{'^T' if wanted[i] else ''} is meant here")
                   for n, i in eq.inner + ((eq.moment_node, 2),)
                   if factors[i] in wrong and n is not at and hasattr(n, "lineno")]
        line = facts.span(at).line
        shown = {id(n) for n, _ in clashes}
        related = [Related(facts.span(n), text) for n, text in places
                   if n is not None and hasattr(n, "lineno") and facts.span(n).line != line and id(n) not in shown]
        related += [Related(facts.span(n), text) for n, text in clashes]
        # a wrong factor that carries its own weights (w[:, None] * X) would need them turned too: no fix
        fix = None if any(f.weights for f in wrong) else _fix(facts, wrong, layout is not None, eq.system)
        return self.finding(facts.span(at), message, related, fix)


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
    if eq.middles:
        layouts = {_weight_layout(u, x, m) for m in eq.middles} | {layout}
        if "neither" in layouts or len(layouts - {None}) > 1:
            return None  # a weight that is not samples x samples, or y and the weights disagree
        layout = next(iter(layouts - {None}), None)
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


def _weight_layout(u: Unifier, x: ArrayV, weights: Value) -> str | None:
    """``rows`` / ``columns`` when the square weights are samples x samples for one side of ``x`` only;
    ``neither`` when they are not provably square or fit neither side (not weighted least squares)."""
    if not isinstance(weights, ArrayV) or weights.shape.rank != 2 or u.eq(*weights.shape.dims) is not True:
        return "neither"
    if x.shape.rank != 2:
        return None
    k = weights.shape.dims[0]
    on_rows, on_cols = (u.eq(k, d) for d in x.shape.dims)
    if on_rows is False and on_cols is False:
        return "neither"
    if on_rows is True and on_cols is False:
        return "rows"
    if on_cols is True and on_rows is False:
        return "columns"
    return None


def _declared_rectangular(x: ArrayV) -> bool:
    """Declared as ``(n, d)``: two different named dims (even if the call site makes them equal)."""
    if x.shape.rank != 2:
        return False
    names = [d.single_symbol.name if d.single_symbol is not None else "" for d in x.shape.dims]
    return all(n not in ("", "_") for n in names) and names[0] != names[1]


def _equations(x: str, y: str, transposed: tuple[bool, bool, bool], weight: str = "") -> str:
    p, q, r = (f"{x}^T" if t else x for t in transposed)
    return f"{p} {weight}{q} w = {r} {weight}{y}"


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
