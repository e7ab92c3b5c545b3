"""S105: an axis outside the array's dimensions."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import problem_finding
from derivlint.shapes.facts import Facts


class AxisOutOfRange(Rule):
    """## What it does
    Reports a reduction, `concatenate`, `stack`, `expand_dims`, `squeeze`,
    `swapaxes` or `transpose` whose axis does not exist on the array: `axis=2`
    on a matrix, `axis=1` on a vector.

    ## Why is this bad?
    An array of shape `(n, d)` has axes 0 and 1 (or -1 and -2). numpy raises
    `AxisError`; more often the mistake shows that the array has fewer
    dimensions than the derivation assumed (a vector where a batch was meant).

    ## Example
    ```python
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)   # z is (k,)
    ```

    ## Use instead
    ```python
    p = np.exp(z) / np.exp(z).sum()                         # or make z a (1, k) batch
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - Mathematics for Machine Learning, ch. 2.
    """

    code = "S105"
    name = "axis-out-of-range"
    severity = "error"
    resources = ("mml: ch. 2", "3b1b-la")

    def check(self, facts: Facts) -> Iterable[Finding]:
        for p in facts.problems:
            if p.kind == "axis":
                yield problem_finding(self, facts, p)
