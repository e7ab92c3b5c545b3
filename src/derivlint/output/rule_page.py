"""``derivlint rule`` pages, generated from the rule classes (like ``ruff rule``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from derivlint.rules.resources import resources_for

if TYPE_CHECKING:
    from derivlint.rules.base import Rule


def rule_page(rule: type[Rule]) -> str:
    """The Markdown page of one rule: heading, severity, its docstring, its reading."""
    parts = [f"# {rule.name} ({rule.code})", ""]
    parts.append(f"Severity: {rule.severity}")
    if rule.exercise is not None:
        parts.append(f"Exercise: {rule.exercise}")
    parts += [f"Documentation: {rule.url()}", "", rule.doc().strip() or rule.summary(), ""]
    resources = resources_for(rule.resources)
    if resources:
        parts += ["## Reading", ""]
        for r in resources:
            section = f" ({r.section})" if r.section else ""
            parts.append(f"- {r.title}{section}: {r.url}")
        parts.append("")
    return "\n".join(parts)


def rule_table(rules: list[type[Rule]]) -> str:
    """One line per rule: code, name, severity, summary, in aligned columns."""
    if not rules:
        return ""
    width = max(len(r.name) for r in rules)
    lines = [f"{r.code:<5} {r.name:<{width}} {r.severity:<7} {r.summary()}" for r in rules]
    return "\n".join(lines) + "\n"


def rule_sections(rule: type[Rule]) -> dict[str, str]:
    """The rule docstring's ``## ...`` sections by heading (``"What it does"`` -> its text)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in rule.doc().splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        elif current is not None:
            current.append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def rule_explanation(rule: type[Rule]) -> str:
    """The short Markdown an editor shows on hover: what, why, the fix, the reading."""
    sections = rule_sections(rule)
    parts = [f"**{rule.code} [{rule.name}]({rule.url()})**", ""]
    for heading in ("What it does", "Why is this bad?", "Use instead"):
        text = sections.get(heading)
        if text:
            parts += [f"*{heading}*", "", text, ""]
    resources = resources_for(rule.resources)
    if resources:
        links = [f"[{r.title}]({r.url})" + (f", {r.section}" if r.section else "") for r in resources]
        parts.append("*Reading:* " + "; ".join(links))
    return "\n".join(parts).strip() + "\n"
