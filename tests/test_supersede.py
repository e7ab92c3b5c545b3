"""``analysis.supersede``: a more specific finding replaces the generic one for the same bug."""

from __future__ import annotations

from derivlint.analysis import supersede
from derivlint.findings import Finding, Related, Span


def _finding(code: str, span: Span, related: tuple[Related, ...] = ()) -> Finding:
    return Finding(code, code.lower(), "error", f"{code} here", span, related)


SPECIFIC = Span(3, 10, 3, 20)


def test_same_enclosing_and_related_spans_are_dropped() -> None:
    elsewhere = Span(7, 0, 7, 12)
    specific = _finding("L201", SPECIFIC, (Related(elsewhere, "the system"),))
    same = _finding("S101", SPECIFIC)
    enclosing = _finding("S101", Span(3, 4, 3, 30))
    at_related = _finding("S101", elsewhere)
    kept = supersede([specific, same, enclosing, at_related], {"L201": ("S101",)})
    assert kept == [specific]


def test_other_spans_and_other_codes_are_kept() -> None:
    specific = _finding("L201", SPECIFIC)
    inside = _finding("S101", Span(3, 12, 3, 15))  # a sub-expression is another bug
    other_line = _finding("S101", Span(4, 10, 4, 20))
    other_code = _finding("S102", SPECIFIC)
    findings = [specific, inside, other_line, other_code]
    assert supersede(findings, {"L201": ("S101",)}) == findings


def test_nothing_supersedes_without_a_declaring_rule() -> None:
    findings = [_finding("L205", SPECIFIC), _finding("S101", SPECIFIC)]
    assert supersede(findings, {}) == findings
