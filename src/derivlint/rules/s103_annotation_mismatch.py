"""S103: a value that contradicts its declared shape."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import problem_finding
from derivlint.shapes.facts import Facts


class AnnotationMismatch(Rule):
    """## What it does
    Reports a value whose inferred shape contradicts a declared one: an
    assignment to an annotated name (jaxtyping, `# shape:` comments,
    `# shapes:` lines, markdown declarations), an argument passed to a
    parameter with a declared shape (annotation or docstring), a `return`
    against a declared return shape, or an `assert X.shape == (...)` that the
    engine can prove false.

    ## Why is this bad?
    The declaration is the derivation on paper: `w \\in R^d`. A value of
    another shape means the code and the math have parted ways, and every
    later line inherits the mistake.

    ## Example
    ```python
    def predict(X: Float[np.ndarray, "n d"], w: Float[np.ndarray, "d"]) -> Float[np.ndarray, "n"]:
        return X.T @ X @ w   # (d,) returned where (n,) was declared
    ```

    ## Use instead
    ```python
        return X @ w
    ```

    ## Fix safety
    No automatic fix: either the value or the declaration is wrong.

    ## References
    - Mathematics for Machine Learning, ch. 2; MIT 18.06.
    """

    code = "S103"
    name = "annotation-mismatch"
    severity = "error"
    resources = ("mml: ch. 2", "mit-1806", "3b1b-la")

    def check(self, facts: Facts) -> Iterable[Finding]:
        for p in facts.problems:
            if p.kind == "declared":
                yield problem_finding(self, facts, p, name_expression=False)
