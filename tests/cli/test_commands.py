"""``derivlint rule`` and ``derivlint server`` dispatch."""

from __future__ import annotations

import sys
import types

import pytest

from derivlint.rules.registry import all_rules


@pytest.mark.parametrize("query", ["S101", "s101", "shape-mismatch"])
def test_rule_page_of_a_shape_rule(run, query: str) -> None:
    result = run("rule", query)
    assert result.code == 0
    assert result.out.startswith("# shape-mismatch (S101)\n")
    assert "Severity: error" in result.out
    assert "## Reading" in result.out
    assert "https://" in result.out.split("## Reading")[1]


@pytest.mark.parametrize("query", ["E002", "invalid-notebook"])
def test_rule_page_of_e002(run, query: str) -> None:
    result = run("rule", query)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "# invalid-notebook (E002)"
    assert "Severity: error" in lines
    assert "Documentation: https://derivlint.dev/rules/invalid-notebook/" in lines
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert section in lines


def test_rule_all_lists_every_rule(run) -> None:
    result = run("rule", "--all")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == len(all_rules())
    e002 = next(line for line in lines if line.startswith("E002"))
    assert e002.split()[:3] == ["E002", "invalid-notebook", "error"]


def test_unknown_rule_exits_2(run) -> None:
    result = run("rule", "S999")
    assert result.code == 2
    assert result.err.startswith("derivlint: error: unknown rule 'S999'")
    assert result.out == ""
    assert run("rule").code == 2


def test_server_missing_is_a_clear_error(run, monkeypatch) -> None:
    # None in sys.modules makes the import fail as if the module did not exist
    monkeypatch.setitem(sys.modules, "derivlint.server", None)
    result = run("server", "--stdio")
    assert result.code == 2
    assert "derivlint.server is missing" in result.err
    assert "Traceback" not in result.err


def test_server_gets_its_arguments(run, monkeypatch) -> None:
    calls = []
    fake = types.ModuleType("derivlint.server")
    fake.main = lambda argv: calls.append(argv) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "derivlint.server", fake)
    assert run("server", "--tcp", "127.0.0.1:2087").code == 0
    assert run("server").code == 0
    assert calls == [["--tcp", "127.0.0.1:2087"], []]
