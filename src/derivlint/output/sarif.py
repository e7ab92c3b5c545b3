"""SARIF 2.1.0 output (GitHub code scanning, IDE SARIF viewers).

Every registered rule is listed in ``tool.driver.rules`` so that ``ruleIndex``
is stable between runs. A notebook location gives the line and column within
the cell, names the cell in ``region.properties.cell`` and as a logical location
``cell N``, because lines of the ``.ipynb`` file itself are JSON lines.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from derivlint import __version__
from derivlint.output import display_path, place, rule_url

if TYPE_CHECKING:
    from derivlint.analysis import FileReport
    from derivlint.findings import Finding, Span
    from derivlint.rules.base import Rule
    from derivlint.sources import Program

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://derivlint.dev/"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FAMILY = {
    "E": "file",
    "S": "shapes",
    "L": "linear-algebra",
    "N": "numerical-stability",
    "P": "probability",
    "G": "gradients",
    "D": "derivation-checks",
    "M": "markdown-math",
}


def render(reports: Sequence[FileReport]) -> str:
    """One SARIF log with one run holding every finding of ``reports``."""
    return json.dumps(sarif_log(reports), indent=2, ensure_ascii=False) + "\n"


def sarif_log(reports: Sequence[FileReport]) -> dict[str, Any]:
    """The SARIF log as plain data."""
    from derivlint.rules.registry import all_rules

    rules: list[dict[str, Any]] = [_rule(r) for r in all_rules().values()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for report in reports:
        uri = _uri(report.path)
        for f in report.findings:
            if f.code not in index:  # a finding from a rule outside the registry
                index[f.code] = len(rules)
                rules.append(_adhoc_rule(f))
            results.append(_result(f, index[f.code], report.program, uri))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "derivlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(rule: type[Rule]) -> dict[str, Any]:
    doc = rule.doc() or rule.summary()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": _section(doc, "What it does") or rule.summary()},
        "helpUri": rule.url(),
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVEL.get(rule.severity, "warning")},
        "properties": {"tags": _tags(rule.code, rule.severity)},
    }


def _section(doc: str, title: str) -> str:
    """The text of ``## title`` in a rule docstring, joined into one paragraph."""
    lines = doc.splitlines()
    try:
        start = lines.index(f"## {title}") + 1
    except ValueError:
        return ""
    body = []
    for line in lines[start:]:
        if line.startswith("## "):
            break
        body.append(line.strip())
    return " ".join(" ".join(body).split())


def _adhoc_rule(f: Finding) -> dict[str, Any]:
    return {
        "id": f.code,
        "name": f.name,
        "shortDescription": {"text": f.name},
        "fullDescription": {"text": f.name},
        "helpUri": rule_url(f.code, f.name),
        "defaultConfiguration": {"level": LEVEL.get(f.severity, "warning")},
        "properties": {"tags": _tags(f.code, f.severity)},
    }


def _tags(code: str, severity: str) -> list[str]:
    return ["derivlint", FAMILY.get(code[:1], "other"), severity]


def _result(f: Finding, rule_index: int, program: Program, uri: dict[str, str]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [_location(program, uri, f.span)],
        "properties": {"name": f.name, "severity": f.severity},
    }
    if f.related:
        result["relatedLocations"] = [
            {"id": i, **_location(program, uri, r.span), "message": {"text": r.message}}
            for i, r in enumerate(f.related)
        ]
    if f.fix is not None and program.kind != "ipynb":  # cell coordinates are not file regions
        result["fixes"] = [
            {
                "description": {"text": f.fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": uri,
                        "replacements": [
                            {
                                "deletedRegion": _region(program, e.span)[0],
                                "insertedContent": {"text": e.new_text},
                            }
                            for e in f.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def _location(program: Program, uri: dict[str, str], span: Span) -> dict[str, Any]:
    region, cell = _region(program, span)
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": uri, "region": region}}
    if cell is not None:
        location["logicalLocations"] = [{"name": f"cell {cell}", "kind": "notebookCell"}]
    return location


def _region(program: Program, span: Span) -> tuple[dict[str, Any], int | None]:
    start = place(program, span.line, span.col)
    end = place(program, span.end_line, span.end_col)
    region: dict[str, Any] = {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    }
    if start.cell is not None:
        region["properties"] = {"cell": start.cell}
    return region, start.cell


def _uri(path: str) -> dict[str, str]:
    shown = display_path(path)
    if Path(shown).is_absolute():  # outside the working directory
        return {"uri": Path(shown).as_uri()}
    return {"uri": shown, "uriBaseId": "%SRCROOT%"}
