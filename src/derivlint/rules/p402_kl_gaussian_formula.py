"""P402: the closed-form Gaussian KL with a wrong term (trace, Mahalanobis weight, -k, 1/2)."""

from __future__ import annotations

from collections.abc import Iterable

from derivlint.findings import Finding
from derivlint.rules.base import Rule
from derivlint.rules.kl_forms import Verdict, verdicts_of
from derivlint.shapes.facts import Facts


class KlGaussianFormula(Rule):
    """## What it does
    Reports the closed-form KL divergence between two Gaussians (multivariate, diagonal
    or univariate; in covariances, variances, standard deviations or log-variances; or one
    covariance against the standard normal, `0.5 * (tr S + mu @ mu - k - log det S)`) when
    one term is wrong: the trace of the wrong product (`tr(S0^-1 S1)` in KL(N0 || N1)),
    the mean difference weighted by the inverse covariance of the first Gaussian, the
    `- k` term missing, the `1/2` missing (on the whole formula or on the log-det term).
    The value must be declared a KL (named `kl`, `gaussian_kl`, ... or returned by a
    function so named). Which Gaussian is first is read from the structure, never
    from names: the value is expanded into its terms (through variables, helpers,
    `solve`, `inv`, `slogdet`, `log(det(...))`, `.T`,
    `einsum('i,ij,j->', d, M, d)`) and compared with the KL and each
    one-mistake variant of it, for both orders of the two Gaussians; it is reported
    only when exactly one variant fits. A correct KL in either direction, and anything
    with two mistakes or terms the engine cannot see, is left alone. The sign mistakes
    (the log-det ratio inverted, `+ k`, the whole formula negated) are P401's: one
    mistake gives one finding.

    ## Why is this bad?
    `KL(N_a || N_b) = E_a[log N_a - log N_b]`, and under `x ~ N_a`
    `E[(x - m_b)^T S_b^-1 (x - m_b)] = tr(S_b^-1 S_a) + (m_a - m_b)^T S_b^-1 (m_a - m_b)` while
    `E[(x - m_a)^T S_a^-1 (x - m_a)] = k`, so
    `KL = 1/2 (tr(S_b^-1 S_a) + (m_b - m_a)^T S_b^-1 (m_b - m_a) - k + log det S_b - log det S_a)`.
    Every term but `- k` carries the *second* Gaussian's inverse covariance; with the
    other product, weight or without the `1/2` the value is not a divergence at all (it
    is not zero between identical Gaussians, or is twice the KL).

    ## Example
    ```python
    kl = 0.5 * (np.trace(np.linalg.solve(S0, S1)) + d @ np.linalg.solve(S1, d) - k + logdet1 - logdet0)
    kl = np.log(s1 / s0) + (s0**2 + (m0 - m1)**2) / (2 * s0**2) - 0.5
    ```

    ## Use instead
    ```python
    kl = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k + logdet1 - logdet0)
    kl = np.log(s1 / s0) + (s0**2 + (m0 - m1)**2) / (2 * s1**2) - 0.5
    ```

    ## Fix safety
    No automatic fix: which term to change depends on which Gaussian was meant first,
    and the finding says which term disagrees with the others' reading.

    ## References
    - Petersen and Pedersen, The Matrix Cookbook, §8.2 (means and moments of Gaussians).
    - Mathematics for Machine Learning, §6.5 (the Gaussian distribution).
    - Jaynes, Probability Theory: The Logic of Science, ch. 11 (entropy). Exercise 05.
    """

    code = "P402"
    name = "kl-gaussian-formula"
    severity = "error"
    resources = ("matrix-cookbook: §8.2", "mml: §6.5", "jaynes: ch. 11")
    exercise = 5

    def check(self, facts: Facts) -> Iterable[Finding]:
        for v, span, related in verdicts_of(facts, self.code):
            yield self.finding(span, _message(v), related)


def _message(v: Verdict) -> str:
    matrix = v.family == "multivariate"
    sa, sb = (v.text("Sa"), v.text("Sb")) if matrix else (v.text("va"), v.text("vb"))
    kl = f"KL(N(., {sa}) || N(., {sb}))"
    if v.kind == "trace":
        if matrix:
            return (f"tr({sa}^-1 {sb}) is the trace of the other direction: the mean and log-det terms read {kl}, "
                    f"which needs tr({sb}^-1 {sa})")
        return (f"{sb} / {sa} is the variance ratio of the other direction: the mean and log terms read {kl}, "
                f"which needs {sa} / {sb}")
    if v.kind == "mahalanobis":
        weight = f"{sa}^-1" if matrix else f"1 / {sa}"
        right = f"{sb}^-1" if matrix else f"1 / {sb}"
        others = "trace and log-det terms" if matrix else "variance ratio and log terms"
        return (f"the mean difference is weighted by {weight}, the first Gaussian's; the {others} "
                f"read {kl}, which weights it by {right}")
    if v.kind == "k-missing":
        what = "- k term (k the dimension)" if matrix else "- 1 term (one per dimension)"
        return f"the {what} of {kl} is missing: E_a[(x - m_a)^T S_a^-1 (x - m_a)] = k is subtracted"
    if v.kind == "half":
        return f"the factor 1/2 of {kl} is missing: this is twice the KL divergence"
    if matrix:
        return f"the log-determinant term of {kl} lacks its factor 1/2: KL = 1/2 (... + log det {sb} - log det {sa})"
    return f"the log-variance term of {kl} lacks its factor 1/2: KL = ... + 1/2 log({sb} / {sa})"
