"""``docs/rules/``: one Markdown page per rule and an index, generated from the rule classes.

``derivlint docs`` writes them; ``derivlint docs --check`` (run by the test suite) fails
when a checked-in page differs from what the rule docstrings give, so the pages never
drift from the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from derivlint.output.rule_page import rule_page, rule_sections
from derivlint.rules.registry import all_rules

if TYPE_CHECKING:
    from derivlint.rules.base import Rule

INDEX = "README.md"


def rule_docs() -> dict[str, str]:
    """File name -> content for every page of ``docs/rules/``."""
    rules = list(all_rules().values())
    pages = {f"{r.name}.md": rule_page(r) for r in rules}
    rows = [
        f"| [{r.code}]({r.name}.md) | {r.name} | {r.severity} | {_cell(first_sentence(r))} |" for r in rules
    ]
    index = [
        "# derivlint rules",
        "",
        "Generated from the rule modules' docstrings by `derivlint docs`; do not edit by hand.",
        "`derivlint rule CODE` prints the same page in a terminal.",
        "",
        "| code | name | severity | what it reports |",
        "|---|---|---|---|",
        *rows,
        "",
    ]
    return {INDEX: "\n".join(index), **pages}


def stale_docs(folder: Path) -> list[str]:
    """Pages of ``folder`` that are missing, differ, or belong to no rule."""
    wanted = rule_docs()
    stale = [name for name, text in wanted.items() if _read(folder / name) != text]
    extra = sorted(p.name for p in folder.glob("*.md") if p.name not in wanted) if folder.is_dir() else []
    return stale + extra


def write_docs(folder: Path) -> list[str]:
    """Write every page that changed and remove pages of rules that are gone; the names touched."""
    folder.mkdir(parents=True, exist_ok=True)
    touched = stale_docs(folder)
    wanted = rule_docs()
    for name in touched:
        path = folder / name
        if name in wanted:
            path.write_text(wanted[name], encoding="utf-8", newline="\n")
        else:
            path.unlink()
    return touched


def first_sentence(rule: type[Rule]) -> str:
    """The first sentence of the rule's ``What it does`` section, on one line."""
    text = rule_sections(rule).get("What it does") or rule.summary()
    paragraph = " ".join(text.split("\n\n")[0].split())
    end = paragraph.find(". ")
    return paragraph if end < 0 else paragraph[: end + 1]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
