"""L205: the general eigensolver on a matrix that is symmetric by construction."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.common import source_text
from derivlint.rules.symmetry import symmetric
from derivlint.shapes.facts import Facts

_GENERAL = {
    "numpy.linalg.eig": "eigh",
    "numpy.linalg.eigvals": "eigvalsh",
    "scipy.linalg.eig": "eigh",
    "scipy.linalg.eigvals": "eigvalsh",
}


class EigOnSymmetric(Rule):
    """## What it does
    Reports `np.linalg.eig` / `eigvals` (and scipy's) applied to a matrix that is
    symmetric by construction: `A.T @ A`, `A @ A.T`, `np.cov(...)`, `(M + M.T) / 2`,
    sums and scalar multiples of these. Symmetry is read from how the matrix was
    computed, never from its name.

    ## Why is this bad?
    For a real symmetric matrix the spectral theorem gives real eigenvalues and an
    orthonormal basis of eigenvectors: `S = Q diag(lambda) Q^T`. `eig` does not
    know that: rounding can give complex results with tiny imaginary parts,
    eigenvectors that are not quite orthogonal, and no order. `eigh` uses the
    symmetry: real, orthonormal, sorted (ascending), and faster.

    ## Example
    ```python
    lam, V = np.linalg.eig(X.T @ X)
    ```

    ## Use instead
    ```python
    lam, V = np.linalg.eigh(X.T @ X)   # ascending: lam[::-1], V[:, ::-1] for largest first
    ```

    ## Fix safety
    No automatic fix: `eigh` returns the eigenpairs in ascending order, so code
    that indexes them has to change with it.

    ## References
    - Strang, Introduction to Linear Algebra, ch. 6.4 (symmetric matrices).
    - MIT 18.06, lecture 25; Mathematics for Machine Learning, §4.4. Exercise 02.
    """

    code = "L205"
    name = "eig-on-symmetric"
    severity = "info"
    resources = ("strang-ila: ch. 6.4", "mit-1806: lec. 25", "mml: §4.4")
    exercise = 2

    def check(self, facts: Facts) -> Iterable[Finding]:
        for ev in facts.events:
            better = _GENERAL.get(ev.op)
            if better is None or not ev.operands or not symmetric(ev.operands[0].value):
                continue
            name = ev.op.rsplit(".", 1)[1]
            message = (f"{source_text(facts, ev.node)}: {source_text(facts, ev.operands[0].node)} is symmetric "
                       f"by construction; {better} gives real eigenvalues and orthonormal eigenvectors "
                       f"where {name} may not")
            yield self.finding(facts.span(ev.node), message)
