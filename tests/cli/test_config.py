"""``[tool.derivlint]`` in pyproject.toml, found by walking up from the checked path."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import PY2_PRINT, write

from derivlint.config import Config, ConfigError, load_config, path_matches

CONFIG = """
[tool.derivlint]
exclude = ["gen/**", "*_generated.py", "build/"]
per-file-ignores = { "legacy/*.py" = ["E001"] }
severity = { E001 = "warning" }
"""


@pytest.fixture
def tree(project: Path) -> Path:
    write(project / "pyproject.toml", CONFIG)
    # a pyproject.toml without the section is skipped on the way up, as in ruff
    write(project / "src" / "pyproject.toml", '[project]\nname = "x"\n')
    for rel in (
        "src/deep/er/a.py",
        "gen/b.py",
        "src/c_generated.py",
        "build/d.py",
        "src/build/e.py",
        "legacy/f.py",
    ):
        write(project / rel, PY2_PRINT + "\n")
    return project


def test_config_found_walking_up_from_a_nested_file(tree: Path, run) -> None:
    result = run("check", "--format", "json", "src/deep/er/a.py")
    (finding,) = result.json()
    assert (finding["code"], finding["severity"]) == ("E001", "warning")
    assert result.code == 1


def test_config_found_from_another_working_directory(tree: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(tree.parent)
    result = run("check", "--format", "json", "proj/src/deep/er/a.py")
    assert [f["severity"] for f in result.json()] == ["warning"]


def test_exclude_and_per_file_ignores_when_searching(tree: Path, run) -> None:
    result = run("check", "--format", "json", ".")
    assert sorted(f["path"] for f in result.json()) == ["src/deep/er/a.py"]


def test_named_excluded_file_is_checked_unless_force_exclude(tree: Path, run) -> None:
    assert run("check", "gen/b.py").code == 1
    result = run("check", "--force-exclude", "gen/b.py")
    assert (result.code, result.out) == (0, "All checks passed!\n")


def test_per_file_ignores_apply_to_named_files(tree: Path, run) -> None:
    assert run("check", "legacy/f.py").code == 0


def test_fail_level(tree: Path, run) -> None:
    # E001 is a warning under this config: failing only from "error" up passes
    assert run("check", "--fail-level", "error", "src/deep/er/a.py").code == 0
    assert run("check", "--fail-level", "warning", "src/deep/er/a.py").code == 1


def test_explicit_config_file_replaces_pyproject(tree: Path, run) -> None:
    write(tree / "other.toml", 'ignore = ["E"]\n')
    assert run("check", "--config", "other.toml", "src/deep/er/a.py").code == 0
    assert run("check", "--config", "missing.toml", "src/deep/er/a.py").code == 2


def test_cli_flags_override_file_settings(tree: Path, run) -> None:
    write(tree / "pyproject.toml", CONFIG + 'ignore = ["E001"]\n')
    assert run("check", "src/deep/er/a.py").code == 0
    # --select starts the selection afresh (as in ruff); --ignore edits it
    assert run("check", "--select", "E", "src/deep/er/a.py").code == 1
    assert run("check", "--ignore", "S", "src/deep/er/a.py").code == 0
    assert run("check", "--extend-select", "E001", "src/deep/er/a.py").code == 1


def test_severity_off_disables(project: Path, run) -> None:
    write(project / "pyproject.toml", '[tool.derivlint]\nseverity = { E = "off" }\n')
    write(project / "bad.py", PY2_PRINT + "\n")
    assert run("check", "bad.py").code == 0


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("select = 5", "select"),
        ('select = ["Z9"]', "Z9"),
        ('selct = ["E"]', "selct"),
        ('severity = { E001 = "loud" }', "loud"),
        ('fail-level = "fatal"', "fail-level"),
        ('per-file-ignores = { "a.py" = "E001" }\ninlay-hints = "yes"', "inlay-hints"),
        ("select = [", "invalid TOML"),
    ],
)
def test_bad_config_is_exit_2_with_a_message(project: Path, run, body: str, needle: str) -> None:
    write(project / "pyproject.toml", f"[tool.derivlint]\n{body}\n")
    write(project / "ok.py", "x = 1\n")
    result = run("check", "ok.py")
    assert result.code == 2
    assert result.err.startswith("derivlint: error: ")
    assert needle in result.err
    assert "pyproject.toml" in result.err
    assert "Traceback" not in result.err


def test_load_config_returns_the_file_and_root(tree: Path) -> None:
    config, source = load_config(tree / "src" / "deep" / "er" / "a.py")
    assert source == tree / "pyproject.toml"
    assert config.root == tree
    assert config.is_excluded(tree / "gen" / "x" / "y.py")
    assert not config.is_excluded(tree / "src" / "deep" / "er" / "a.py")
    assert load_config(tree.parent) == (Config(), None)


def test_merged_layers_overrides() -> None:
    base = Config(select=("S",), ignore=("S102",), severity={"S101": "warning"})
    assert base.is_enabled("S101", "shape-mismatch") and not base.is_enabled("E001", "x")
    merged = base.merged(select=["E"], severity={"S104": "info"}, inlay_hints=None)
    # a later `select` starts afresh, as in ruff: the file's selection no longer applies
    assert merged.is_enabled("E001", "x") and not merged.is_enabled("S101", "shape-mismatch")
    assert merged.severity == {"S101": "warning", "S104": "info"}
    assert merged.inlay_hints is True
    # a later `ignore` alone edits the selection, even against a more specific file select
    narrowed = Config(select=("S101",)).merged(ignore="S")
    assert not narrowed.is_enabled("S101", "shape-mismatch")
    widened = Config(ignore=("S101",)).merged(extend_select=["shape-mismatch"])
    assert widened.is_enabled("S101", "shape-mismatch")
    with pytest.raises(ConfigError):
        base.merged(fail_level="loud")


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("tests/**", "tests/a/b.py", True),
        ("tests/**", "src/tests/b.py", False),
        ("*.ipynb", "a/b/c.ipynb", True),
        ("build/", "x/build/y.py", True),
        ("build/", "build.py", False),
        ("src/*.py", "src/a.py", True),
        ("src/*.py", "src/pkg/a.py", False),
        ("**/gen_*.py", "a/b/gen_x.py", True),
        ("/top.py", "sub/top.py", False),
        ("top.py", "sub/top.py", True),
    ],
)
def test_gitignore_like_patterns(tmp_path: Path, pattern: str, path: str, expected: bool) -> None:
    assert path_matches(pattern, tmp_path / path, tmp_path) is expected
