"""``--format json|sarif|github``: the shapes CI and editors depend on (design.md section 3)."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import MATMUL_MISMATCH, PY2_PRINT, notebook, write

from derivlint.output.github import escape_data, escape_property
from derivlint.rules.registry import all_rules

JSON_KEYS = {
    "path": str,
    "cell": (int, type(None)),
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "code": str,
    "name": str,
    "severity": str,
    "message": str,
    "url": str,
    "resources": list,
    "fix": (dict, type(None)),
    "related": list,
}


def _inputs(project: Path) -> None:
    write(project / "bad.py", f"x = 1\n{PY2_PRINT}\n")
    write(project / "nb.ipynb", notebook(("markdown", "# t"), ("code", f"y = 2\n{PY2_PRINT}")))


def test_json_objects_have_the_contract_keys_and_types(project: Path, run) -> None:
    _inputs(project)
    result = run("check", "--format", "json", "bad.py", "nb.ipynb")
    assert result.code == 1
    findings = result.json()
    assert isinstance(findings, list) and len(findings) >= 2
    for f in findings:
        for key, kind in JSON_KEYS.items():
            assert isinstance(f[key], kind), (key, f)
        assert f["severity"] in ("error", "warning", "info")
        assert f["url"] == all_rules()[f["code"]].url()
        for r in f["resources"]:
            assert {"id", "title", "url"} <= set(r)
        for rel in f["related"]:
            assert {"cell", "line", "column", "message"} <= set(rel)
    py = next(f for f in findings if f["path"] == "bad.py")
    assert (py["cell"], py["code"], py["line"]) == (None, "E001", 2)
    nb = next(f for f in findings if f["path"] == "nb.ipynb")
    assert (nb["cell"], nb["code"], nb["line"]) == (2, "E001", 2)


def test_json_empty_list_when_clean(project: Path, run) -> None:
    write(project / "ok.py", "x = 1\n")
    result = run("check", "--format", "json", "ok.py")
    assert (result.code, result.json()) == (0, [])


def test_json_resources_and_fix_of_a_shape_rule(project: Path, run) -> None:
    write(project / "m.py", MATMUL_MISMATCH)
    (finding,) = run("check", "--format", "json", "m.py").json()
    assert finding["code"] == "S101"
    assert finding["url"].endswith("/shape-mismatch/")
    assert finding["resources"], "S101 links to its reading"
    assert finding["fix"] is None or {"safe", "edits"} <= set(finding["fix"])


def test_sarif_2_1_0_structure(project: Path, run) -> None:
    _inputs(project)
    result = run("check", "--format", "sarif", "bad.py", "nb.ipynb")
    assert result.code == 1
    log = result.json()
    assert log["version"] == "2.1.0"
    assert "sarif-2.1.0" in log["$schema"]
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "derivlint"
    assert driver["version"] and driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert {r["id"] for r in rules} >= {"E002"}
    for r in rules:
        assert r["helpUri"].startswith("https://")
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert isinstance(r["properties"]["tags"], list)
    results = sarif_run["results"]
    assert len(results) >= 2
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        assert res["message"]["text"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] >= region["startLine"]
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
    py = by_uri["bad.py"]
    assert py["ruleId"] == "E001"
    assert py["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    nb = by_uri["nb.ipynb"]["locations"][0]
    assert nb["physicalLocation"]["region"]["startLine"] == 2
    assert nb["physicalLocation"]["region"]["properties"] == {"cell": 2}
    assert nb["logicalLocations"][0]["name"] == "cell 2"


def test_sarif_info_severity_is_note(project: Path, run) -> None:
    write(project / "pyproject.toml", '[tool.derivlint]\nseverity = { E001 = "info" }\n')
    write(project / "bad.py", PY2_PRINT + "\n")
    (res,) = run("check", "--format", "sarif", "bad.py").json()["runs"][0]["results"]
    assert res["level"] == "note"


def test_github_annotations(project: Path, run) -> None:
    _inputs(project)
    result = run("check", "--format", "github", "bad.py", "nb.ipynb")
    assert result.code == 1
    lines = result.out.splitlines()
    py = next(line for line in lines if "file=bad.py" in line)
    assert py.startswith("::error file=bad.py,line=2,col=")
    assert ",endLine=2,endColumn=" in py
    assert ",title=E001 " in py and "::" in py.split("title=")[1]
    nb = next(line for line in lines if "file=nb.ipynb" in line)
    # lines of an .ipynb file are JSON lines: the cell position goes into the message
    assert nb.startswith("::error file=nb.ipynb,title=E001 ")
    assert "::cell 2:2:" in nb


def test_github_severities(project: Path, run) -> None:
    write(project / "bad.py", PY2_PRINT + "\n")
    for severity, command in (("warning", "::warning "), ("info", "::notice ")):
        out = run("check", "--format", "github", "bad.py", "--config", _config(project, severity))
        assert out.out.startswith(command)


def _config(project: Path, severity: str) -> str:
    path = write(project / f"{severity}.toml", f'severity = {{ E001 = "{severity}" }}\n')
    return str(path)


def test_github_escaping() -> None:
    assert escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
