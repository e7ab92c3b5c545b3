"""P401: a value declared to be a KL divergence that computes minus one (or a Gaussian KL term with the wrong sign)."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from derivlint.findings import Edit, Finding, Fix
from derivlint.rules.base import Rule
from derivlint.rules.kl_forms import Verdict, verdicts_of
from derivlint.shapes.facts import Facts


class KlWrongSign(Rule):
    """## What it does
    Reports a value declared to be a KL divergence (assigned to `kl`, `kl_div`, `D_kl`,
    `gaussian_kl`..., or returned by a function so named) that computes minus a KL:
    `sum(p * log(q / p))`, `-sum(p * log(p / q))`, `sum(p * (log(q) - log(p)))`,
    `np.dot(p, np.log(q / p))`, `-rel_entr(p, q).sum()`, `-entropy(p, q)`, `xlogy(p, q / p)`,
    `np.where(p > 0, p * np.log(q / p), 0)`, the Bernoulli pair `p log(q / p) + (1 - p) log((1 - q) / (1 - p))`,
    and each of these
    guarded against `log 0` (`np.log((q + eps) / (p + eps))` with `eps` a constant up to
    `1e-3`: `1e-12`, `np.finfo(float).eps`; `log(p + 1)` is no guard); the closed-form
    Gaussian KL negated (the VAE term `0.5 * sum(1 + logvar - mu**2 - exp(logvar))`
    without its leading minus); and the Gaussian KL with the log-determinant
    (log-variance) ratio inverted or with `+ k` for `- k`. The name only declares the
    intent: the finding is proven from what the engine says the value computes,
    expanded through variables, helpers, `.sum()`, `dot` and `slogdet` into its terms and
    compared with the KL term by term. A value that is a KL under some reading of
    which distribution is first, or that cannot be expanded, is left alone, as are the
    entropy, the cross-entropy and the ELBO's `sum(q * log(p / q))` (which is rightly
    `-KL`) under names that do not declare a KL.

    ## Why is this bad?
    `KL(p || q) = sum_i p_i log(p_i / q_i) >= 0` (Gibbs' inequality), so
    `sum p log(q / p) = -KL(p || q) <= 0`: minimising it pushes the distributions apart.
    For Gaussians, `KL(N_a || N_b) = 1/2 (tr(S_b^-1 S_a) + d^T S_b^-1 d - k + log det S_b - log det S_a)`:
    the log-det ratio has the *second* covariance on top (it comes from `-log N_b`), and
    `- k` is `E_a[(x - m_a)^T S_a^-1 (x - m_a)] = k` subtracted.

    ## Example
    ```python
    kl = np.sum(p * np.log(q / p))
    kl_vae = 0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar))
    kl_gauss = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k + logdet0 - logdet1)
    ```

    ## Use instead
    ```python
    kl = np.sum(p * np.log(p / q))              # or scipy.stats.entropy(p, q)
    kl_vae = -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar))
    kl_gauss = 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - k + logdet1 - logdet0)
    ```

    ## Fix safety
    When the whole value is minus a KL and is written where it is declared
    (`kl = <expression>`, `return <expression>` in a function named as a KL), the fix
    negates that expression (or removes its leading minus), which makes it the KL
    exactly. It changes the value the program computes, so it is unsafe. No fix is
    offered for a single term with the wrong sign.

    ## References
    - Mathematics for Machine Learning, §6.5 (the Gaussian distribution).
    - Jaynes, Probability Theory: The Logic of Science, ch. 11 (entropy).
    - Petersen and Pedersen, The Matrix Cookbook, §8 (Gaussians). Exercise 05.
    """

    code = "P401"
    name = "kl-wrong-sign"
    severity = "error"
    resources = ("mml: §6.5", "jaynes: ch. 11", "matrix-cookbook: §8")
    exercise = 5

    def check(self, facts: Facts) -> Iterable[Finding]:
        for v, span, related in verdicts_of(facts, self.code):
            yield self.finding(span, _message(v), related, _fix(facts, v))


def _message(v: Verdict) -> str:
    label = v.declared.label
    if v.family == "discrete":
        p, q = v.text("P"), v.text("Q")
        return (f"{label} computes -KL({p} || {q}) = sum {p} log({q} / {p}) <= 0, not the KL divergence "
                f"KL({p} || {q}) = sum {p} log({p} / {q}) >= 0")
    a, b = _gaussians(v)
    if v.kind == "sign":
        return (f"{label} computes minus the Gaussian KL divergence KL({a} || {b}): every term has the "
                f"opposite sign, and KL >= 0")
    if v.kind == "logdet" and v.family == "multivariate":
        return (f"the log-determinant ratio of KL({a} || {b}) has the wrong sign: it is "
                f"+ log det {_cov(v, 'b')} - log det {_cov(v, 'a')} (the second Gaussian's on top, from -log N_b)")
    if v.kind == "logdet":
        return (f"the log-variance ratio of KL({a} || {b}) has the wrong sign: it is "
                f"+ 1/2 log({_cov(v, 'b')} / {_cov(v, 'a')}) (the second Gaussian's on top, from -log N_b)")
    if v.family == "multivariate":
        return (f"the dimension term of KL({a} || {b}) has the wrong sign: KL = 1/2 (tr(...) + (...) - k + log det "
                f"ratio), where - k is E_a[(x - m_a)^T S_a^-1 (x - m_a)] = k subtracted")
    return (f"the constant of KL({a} || {b}) has the wrong sign: it is - 1/2 per dimension, "
            f"E_a[(x - m_a)^2 / v_a] = 1 subtracted")


def _gaussians(v: Verdict) -> tuple[str, str]:
    """``N(., Sa)`` and ``N(., Sb)``: which mean goes with which Gaussian the formula does not say."""
    return f"N(., {_cov(v, 'a')})", f"N(., {_cov(v, 'b')})"


def _cov(v: Verdict, which: str) -> str:
    return v.text(f"S{which}") if v.family == "multivariate" else v.text(f"v{which}")


def _fix(facts: Facts, v: Verdict) -> Fix | None:
    """Negate the whole expression where it is declared: then it is the KL."""
    node = v.node
    if v.kind != "sign" or node is not v.declared.expr:
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        text = _exact(facts, node.operand)
        if text is not None and _parses(text):
            return Fix("Remove the leading minus: this is the KL divergence", False, (Edit(facts.span(node), text),))
        return None
    text = _exact(facts, node)
    if text is None:
        return None
    atomic = isinstance(node, (ast.Call, ast.Name, ast.Attribute, ast.Subscript))
    new = f"-{text}" if atomic else f"-({text})"
    if not _parses(new):
        return None
    return Fix("Negate the expression: this is the KL divergence", False, (Edit(facts.span(node), new),))


def _exact(facts: Facts, node: ast.AST) -> str | None:
    """The source of ``node`` exactly as written (several lines joined as they are)."""
    span = facts.span(node)
    lines = facts.program.lines
    if not 0 < span.line <= span.end_line <= len(lines):
        return None
    if span.line == span.end_line:
        return lines[span.line - 1][span.col : span.end_col]
    parts = [lines[span.line - 1][span.col :], *lines[span.line : span.end_line - 1], lines[span.end_line - 1][: span.end_col]]
    return "\n".join(parts)


def _parses(text: str) -> bool:
    try:
        ast.parse(f"({text})", mode="eval")
    except SyntaxError:
        return False
    return True
