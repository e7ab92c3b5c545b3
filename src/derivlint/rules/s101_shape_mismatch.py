"""S101: shapes that cannot combine."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import problem_finding, reduction_broadcast
from derivlint.shapes.facts import Facts

KINDS = ("matmul", "broadcast", "concat")


class ShapeMismatch(Rule):
    """## What it does
    Reports a product whose inner dimensions disagree (`@`, `np.dot`, `np.matmul`,
    `np.linalg.solve`, `lstsq`, `einsum`), elementwise operands that cannot
    broadcast, and `concatenate` / `stack` / `hstack` / `vstack` parts that
    disagree off the join axis. The message names both shapes and the line
    each shape came from.

    ## Why is this bad?
    `A @ B` composes two linear maps: `A` takes `k`-vectors to `n`-vectors and
    `B` must produce `k`-vectors for the composition to exist. For `X` of
    shape `(n, d)`, `X @ w` needs `w` in `R^d`; `(n, d) @ (n,)` has no meaning
    (unless `n == d`, and then it is almost always a missing transpose). At run
    time numpy raises `ValueError`, often deep into a long notebook run.

    ## Example
    ```python
    X = rng.normal(size=(n, d))
    r = rng.normal(size=n)
    g = X @ r        # (n, d) @ (n,)
    ```

    ## Use instead
    ```python
    g = X.T @ r      # (d, n) @ (n,) -> (d,)
    ```

    ## Fix safety
    No automatic fix: which operand is wrong is a question of the math.

    ## References
    - 3Blue1Brown, Essence of Linear Algebra: matrix multiplication as composition.
    - MIT 18.06, lectures 15-16; Mathematics for Machine Learning, ch. 2.
    """

    code = "S101"
    name = "shape-mismatch"
    severity = "error"
    resources = ("3b1b-la: matrix multiplication as composition", "mit-1806: lec. 15-16", "mml: ch. 2")

    def check(self, facts: Facts) -> Iterable[Finding]:
        for p in facts.problems:
            if p.kind not in KINDS:
                continue
            if p.kind == "broadcast" and reduction_broadcast(facts, p.operands) is not None:
                continue  # S106 explains this one better
            yield problem_finding(self, facts, p)
