"""``derivlint docs``: docs/rules/ is generated from the rule docstrings and kept up to date."""

from __future__ import annotations

from pathlib import Path

from derivlint.output.rule_docs import rule_docs
from derivlint.rules.registry import all_rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"


def test_checked_in_pages_are_up_to_date(run) -> None:
    result = run("docs", str(DOCS), "--check")
    assert result.code == 0, f"{result.err}\nregenerate with: derivlint docs docs/rules"


def test_one_page_per_rule_and_an_index_linking_each() -> None:
    pages = rule_docs()
    index = pages.pop("README.md")
    assert sorted(pages) == sorted(f"{r.name}.md" for r in all_rules().values())
    for rule in all_rules().values():
        assert f"| [{rule.code}]({rule.name}.md) | {rule.name} | {rule.severity} |" in index
        page = pages[f"{rule.name}.md"]
        assert page.startswith(f"# {rule.name} ({rule.code})\n")
        assert "## What it does" in page
        assert ("## Reading" in page) == bool(rule.resources)


def test_stale_missing_and_orphan_pages_are_found_and_rewritten(run, tmp_path: Path) -> None:
    assert run("docs", str(tmp_path)).code == 0
    assert run("docs", str(tmp_path), "--check").code == 0
    (tmp_path / "shape-mismatch.md").write_text("# edited by hand\n", encoding="utf-8")
    (tmp_path / "log-det.md").unlink()
    (tmp_path / "a-rule-that-was-removed.md").write_text("old\n", encoding="utf-8")
    check = run("docs", str(tmp_path), "--check")
    assert check.code == 1
    for name in ("shape-mismatch.md", "log-det.md", "a-rule-that-was-removed.md"):
        assert name in check.err
    assert run("docs", str(tmp_path)).code == 0
    assert not (tmp_path / "a-rule-that-was-removed.md").exists()
    assert (tmp_path / "shape-mismatch.md").read_text(encoding="utf-8") == rule_docs()["shape-mismatch.md"]
    assert run("docs", str(tmp_path), "--check").code == 0
