"""S104: a reshape whose target size cannot equal the source size."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import problem_finding
from derivlint.shapes.facts import Facts


class ReshapeSizeMismatch(Rule):
    """## What it does
    Reports `reshape` to a shape whose size provably differs from the
    source's, symbolically: `(n, d) -> (n, d + 1)` has `n*d + n != n*d`
    elements for every `n >= 1`.

    ## Why is this bad?
    A reshape only re-indexes the same `n*d` numbers; it cannot add or drop
    any. Numpy raises `ValueError` at run time. Usually a bias column was
    meant to be *appended* (`np.hstack([X, np.ones((n, 1))])`), not reshaped in.

    ## Example
    ```python
    Xb = X.reshape(n, d + 1)
    ```

    ## Use instead
    ```python
    Xb = np.hstack([X, np.ones((n, 1))])
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - Mathematics for Machine Learning, ch. 2.
    """

    code = "S104"
    name = "reshape-size-mismatch"
    severity = "error"
    resources = ("mml: ch. 2", "3b1b-la")

    def check(self, facts: Facts) -> Iterable[Finding]:
        for p in facts.problems:
            if p.kind == "reshape":
                yield problem_finding(self, facts, p)
