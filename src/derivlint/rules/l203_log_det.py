"""L203: ``log(det(S))``, which overflows or underflows where ``slogdet`` does not."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.shapes.dims import Dim
from derivlint.shapes.facts import Facts, OpEvent
from derivlint.shapes.values import ArrayV, Value

_LOGS = frozenset({"numpy.log", "numpy.log2", "numpy.log10"})
#: a matrix this small cannot overflow its determinant in practice: left alone
SMALL = 3


class LogDet(Rule):
    """## What it does
    Reports the logarithm of a determinant computed as `det` then `log`:
    `np.log(np.linalg.det(S))`, `np.log(det(S))`, `np.log(np.abs(det(S)))`, and the
    same through a variable (`d = det(S)` then `np.log(d)`). Matrices known to be
    3x3 or smaller are left alone: their determinant cannot overflow in practice.

    ## Why is this bad?
    `det(S)` is a product of `n` eigenvalues, so it leaves the floating-point range
    long before its logarithm does: for a 500x500 covariance with eigenvalues near
    0.1, `det(S) = 1e-500` underflows to `0.0` and `log` gives `-inf`, while
    `log det S = sum(log lambda_i) = -1151` is an ordinary number. The Gaussian
    log-density and the Gaussian KL need `log det`, never `det`.

    ## Example
    ```python
    logdet = np.log(np.linalg.det(S))
    ```

    ## Use instead
    ```python
    sign, logdet = np.linalg.slogdet(S)
    # or, for S symmetric positive definite:
    logdet = 2 * np.sum(np.log(np.diag(np.linalg.cholesky(S))))
    ```

    ## Fix safety
    The fix writes `np.linalg.slogdet(S)[1]`, the logarithm of `|det S|`. For
    `log(abs(det(S)))` that is the same quantity, so the fix is safe. For
    `log(det(S))` it differs when `det S < 0` (where `log` gives `nan`), so that
    fix is unsafe. It is offered only when `det` is reached through a module
    (`np.linalg.det`), so that `slogdet` needs no new import.

    ## References
    - Petersen and Pedersen, The Matrix Cookbook, §1.1 and §8 (determinants, Gaussians).
    - Mathematics for Machine Learning, §6.5 (the Gaussian distribution). Exercise 05.
    """

    code = "L203"
    name = "log-det"
    severity = "warning"
    resources = ("matrix-cookbook: §1.1 and §8", "mml: §6.5")
    exercise = 5

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            if ev.op not in _LOGS or not ev.operands:
                continue
            arg = ev.operands[0]
            det, through_abs = _determinant(arg.value)
            if det is None or _small(det.origin.inputs[0] if det.origin.inputs else None):
                continue
            message = (
                f"{source_text(facts, ev.node)}: the determinant over- or underflows long before its log "
                f"does; use np.linalg.slogdet"
            )
            yield self.finding(facts.span(ev.node), message, fix=_slogdet_fix(facts, ev, through_abs))


def _determinant(value: Value) -> tuple[Value | None, bool]:
    """The ``det`` value under ``value`` (directly or through ``abs``), and whether through abs."""
    origin = value.origin
    if origin.func in ("numpy.abs", "numpy.absolute", "builtins.abs") and origin.inputs:
        inner = origin.inputs[0]
        return (inner, True) if inner.origin.func == "numpy.linalg.det" else (None, False)
    return (value, False) if origin.func == "numpy.linalg.det" else (None, False)


def _small(matrix: Value | None) -> bool:
    if not isinstance(matrix, ArrayV) or matrix.shape.variadic or not matrix.shape.dims:
        return False
    last: Dim = matrix.shape.dims[-1]
    return last.is_const and last.const <= SMALL


def _slogdet_fix(facts: Facts, ev: OpEvent, through_abs: bool) -> Fix | None:
    call = ev.node
    if not isinstance(call, ast.Call) or len(call.args) != 1 or call.keywords:
        return None
    inner = call.args[0]
    if through_abs:
        if not isinstance(inner, ast.Call) or len(inner.args) != 1:
            return None
        inner = inner.args[0]
    if not isinstance(inner, ast.Call) or len(inner.args) != 1 or inner.keywords:
        return None
    func = inner.func
    if not isinstance(func, ast.Attribute) or func.attr != "det" or ev.op != "numpy.log":
        return None
    module, matrix = source_text(facts, func.value), _exact(facts, inner.args[0])
    if matrix is None or "…" in module:
        return None
    text = f"{module}.slogdet({matrix})[1]"
    return Fix(f"Use {text}", through_abs, (Edit(facts.span(call), text),))


def _exact(facts: Facts, node: ast.AST) -> str | None:
    span = facts.span(node)
    lines = facts.program.lines
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return None
    return lines[span.line - 1][span.col : span.end_col]
