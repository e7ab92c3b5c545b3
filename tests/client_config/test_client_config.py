"""The editor and CI configuration in client-config/ and .pre-commit-hooks.yaml.

Offline and fast: files are parsed and checked against the server's settings
(the spec below). Where an editor is installed (nvim, emacs) its configuration is
also loaded by the real editor and driven against a stub server; otherwise those
tests skip and say why. The .vsix build (npm) is not run here: see
client-config/vscode/build.sh.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = ROOT / "client-config"
VSCODE = CLIENTS / "vscode"
NEOVIM = CLIENTS / "neovim"
STUB_SERVER = Path(__file__).with_name("stub_server.py")

#: The spec: the settings `derivlint server` reads from section `derivlint`.
SERVER_SETTINGS = {"diagnosticsScope", "inlayHints", "select", "ignore", "extendSelect", "severity"}
#: Settings only the VS Code client reads.
VSCODE_CLIENT_SETTINGS = {"server.command", "trace.server"}
SEVERITIES = ["error", "warning", "info", "off"]

BUGGY = "import numpy as np\nX = np.zeros((3, 4))\ny = X @ X\n"
CLEAN = "import numpy as np\nX = np.zeros((3, 4))\ny = X @ X.T\n"
INVERSE = "import numpy as np\nA = np.eye(3)\nb = np.ones(3)\nx = np.linalg.inv(A) @ b\n"


def _derivlint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "derivlint", *args],
        check=False,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


# --------------------------------------------------------------------------- YAML

try:
    import yaml  # type: ignore[import-untyped]
except ImportError:  # not a dependency: fall back to the small reader below
    yaml = None


def _scalar(text: str) -> Any:
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        return [_scalar(item) for item in text[1:-1].split(",") if item.strip()]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return {"true": True, "false": False}.get(text, text)


def _read_hook_list(text: str) -> list[dict[str, Any]]:
    """Read a YAML list of flat mappings (the shape of .pre-commit-hooks.yaml)."""
    if yaml is not None:
        return yaml.safe_load(text)
    hooks: list[dict[str, Any]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = re.fullmatch(r"(- |  )([A-Za-z_]+):(.*)", line)
        assert match, f"unexpected line for a flat hook list: {line!r}"
        if match[1] == "- ":
            hooks.append({})
        value = match[3].split(" #")[0]
        hooks[-1][match[2]] = _scalar(value)
    return hooks


# ------------------------------------------------------------------------ VS Code


@pytest.fixture(scope="module")
def package() -> dict[str, Any]:
    return json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))


def test_package_json_manifest(package: dict[str, Any]) -> None:
    assert package["name"] == "derivlint"
    assert package["publisher"] == "derivlint"
    assert package["engines"]["vscode"] == "^1.82.0"
    assert package["main"] == "./extension.js"
    assert (VSCODE / package["main"]).is_file()
    assert package["activationEvents"] == ["onLanguage:python", "onNotebook:jupyter-notebook"]
    assert re.fullmatch(r"\^?9\.\d+\.\d+", package["dependencies"]["vscode-languageclient"])
    # vsce would prompt without these
    assert package["license"] == "MIT"
    assert package["repository"]["url"].startswith("https://")
    version = package["version"]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert version == pyproject["project"]["version"]


def test_vsce_is_pinned_and_documented(package: dict[str, Any]) -> None:
    vsce = package["devDependencies"]["@vscode/vsce"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", vsce), "pin an exact @vscode/vsce version"
    build = (VSCODE / "build.sh").read_text(encoding="utf-8")
    assert vsce in build and vsce in (VSCODE / "README.md").read_text(encoding="utf-8")
    assert "npm install" in build and "vsce package" in build
    assert "derivlint-$version.vsix" in build
    assert os.stat(VSCODE / "build.sh").st_mode & stat.S_IXUSR, "build.sh is not executable"


def test_settings_declared_are_exactly_the_server_settings(package: dict[str, Any]) -> None:
    properties = package["contributes"]["configuration"]["properties"]
    expected = {f"derivlint.{name}" for name in SERVER_SETTINGS | VSCODE_CLIENT_SETTINGS}
    assert set(properties) == expected
    for name, spec in properties.items():
        assert "type" in spec and "default" in spec, name
        assert spec.get("description") or spec.get("markdownDescription"), name


def test_setting_types_enums_and_defaults(package: dict[str, Any]) -> None:
    p = {
        k.removeprefix("derivlint."): v
        for k, v in package["contributes"]["configuration"]["properties"].items()
    }
    assert p["diagnosticsScope"]["type"] == "string"
    assert p["diagnosticsScope"]["enum"] == ["openFiles", "workspace"]
    assert p["diagnosticsScope"]["default"] == "workspace"
    assert p["inlayHints"]["type"] == "boolean" and p["inlayHints"]["default"] is True
    for name in ("select", "ignore", "extendSelect"):
        assert "array" in p[name]["type"] and p[name]["items"] == {"type": "string"}, name
    assert p["severity"]["type"] == "object"
    assert p["severity"]["additionalProperties"]["enum"] == SEVERITIES
    assert p["server.command"]["default"] == ["derivlint", "server"]
    assert p["server.command"]["items"] == {"type": "string"}
    assert p["trace.server"]["enum"] == ["off", "messages", "verbose"]
    assert p["trace.server"]["default"] == "off"


def test_extension_js_client_options() -> None:
    source = (VSCODE / "extension.js").read_text(encoding="utf-8")
    assert 'require("vscode-languageclient/node")' in source
    assert '{ scheme: "file", language: "python" }' in source
    assert '{ notebook: "jupyter-notebook", language: "python" }' in source
    assert 'const SECTION = "derivlint"' in source
    assert "synchronize: { configurationSection: SECTION }" in source
    assert 'const DEFAULT_COMMAND = ["derivlint", "server"]' in source
    # a new server command restarts the server
    assert "affectsConfiguration(`${SECTION}.server.command`)" in source
    assert "module.exports = { activate, deactivate }" in source


def test_extension_js_reads_the_declared_settings() -> None:
    source = (VSCODE / "extension.js").read_text(encoding="utf-8")
    read = set(re.findall(r'\.get\("([\w.]+)"\)', source))
    assert read == SERVER_SETTINGS | {"server.command"}


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_extension_js_is_valid_javascript() -> None:
    done = subprocess.run(
        ["node", "--check", str(VSCODE / "extension.js")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_vscode_packaging_files() -> None:
    assert "MIT License" in (VSCODE / "LICENSE").read_text(encoding="utf-8")
    ignored = (VSCODE / ".gitignore").read_text(encoding="utf-8").split()
    assert "node_modules/" in ignored and "*.vsix" in ignored
    vscodeignore = (VSCODE / ".vscodeignore").read_text(encoding="utf-8").splitlines()
    assert "build.sh" in vscodeignore
    # the runtime dependency must be packaged
    assert not any(line.strip() in ("node_modules", "node_modules/**") for line in vscodeignore)
    readme = (VSCODE / "README.md").read_text(encoding="utf-8")
    for name in SERVER_SETTINGS | VSCODE_CLIENT_SETTINGS:
        assert f"derivlint.{name}" in readme, name


# ------------------------------------------------------------------------- Neovim

NEOVIM_FILES = {
    "derivlint.lua": ["vim.lsp.config('derivlint'", "vim.lsp.enable('derivlint')", "root_markers"],
    "derivlint-0.10.lua": ["vim.lsp.start(", "vim.fs.find(", "nvim_create_autocmd('FileType'"],
    "derivlint-0.7.lua": [
        "vim.lsp.start_client(",
        "vim.lsp.buf_attach_client(",
        "nvim_create_autocmd('FileType'",
    ],
}


def _lua_settings_keys(source: str) -> set[str]:
    block = re.search(r"^local settings = \{\n(.*?)^\}", source, re.DOTALL | re.MULTILINE)
    assert block, "no `local settings = {...}` table"
    return set(re.findall(r"^\s*(?:--\s*)?(\w+) =", block[1], re.MULTILINE))


@pytest.mark.parametrize("name", sorted(NEOVIM_FILES))
def test_neovim_config_uses_the_right_api(name: str) -> None:
    source = (NEOVIM / name).read_text(encoding="utf-8")
    for call in NEOVIM_FILES[name]:
        assert call in source, f"{name} should call {call}"
    assert "local cmd = vim.g.derivlint_cmd or { 'derivlint', 'server' }" in source
    assert "settings = { derivlint = settings }" in source
    assert "init_options = settings" in source
    assert "'python'" in source
    assert "pyproject.toml" in source and ".git" in source
    assert _lua_settings_keys(source) == SERVER_SETTINGS
    if name != "derivlint.lua":  # older APIs must not leak into the newest config and back
        assert "vim.lsp.config(" not in source


def test_neovim_readme_names_each_file() -> None:
    readme = (NEOVIM / "README.md").read_text(encoding="utf-8")
    for name, version in (
        ("derivlint.lua", "0.11"),
        ("derivlint-0.10.lua", "0.8"),
        ("derivlint-0.7.lua", "0.7"),
    ):
        assert re.search(rf"{re.escape(version)}.*`{re.escape(name)}`", readme), name


def _nvim_version() -> tuple[int, int] | None:
    if shutil.which("nvim") is None:
        return None
    out = subprocess.run(
        ["nvim", "--version"], check=False, capture_output=True, text=True, timeout=30
    ).stdout
    match = re.search(r"NVIM v(\d+)\.(\d+)", out)
    return (int(match[1]), int(match[2])) if match else None


NVIM = _nvim_version()
needs_nvim = pytest.mark.skipif(NVIM is None, reason="nvim is not on PATH")


def _config_for_installed_nvim() -> str:
    assert NVIM is not None
    if NVIM >= (0, 11):
        return "derivlint.lua"
    if NVIM >= (0, 8):
        return "derivlint-0.10.lua"
    return "derivlint-0.7.lua"


@needs_nvim
@pytest.mark.parametrize("name", sorted(NEOVIM_FILES))
def test_neovim_config_parses(name: str, tmp_path: Path) -> None:
    # loadfile compiles without running: works for every file on any nvim (LuaJIT)
    out = tmp_path / "out.txt"
    lua = f"local f, err = loadfile({json.dumps(str(NEOVIM / name))}); vim.fn.writefile({{f and 'ok' or err}}, {json.dumps(str(out))})"
    subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-c", f"lua {lua}", "-c", "qall!"],
        timeout=30,
        check=True,
        capture_output=True,
    )
    assert out.read_text().strip() == "ok"


@needs_nvim
def test_neovim_config_drives_a_server(tmp_path: Path) -> None:
    """The config for the installed nvim starts the server, answers workspace/configuration."""
    name = _config_for_installed_nvim()
    record = tmp_path / "record.json"
    cmd = "{ " + ", ".join(json.dumps(str(a)) for a in (sys.executable, STUB_SERVER, record)) + " }"
    source = (NEOVIM / name).read_text(encoding="utf-8")
    source = source.replace("-- ignore = { 'S107' },", "ignore = { 'S107' },")  # an array setting
    config = tmp_path / "config.lua"
    config.write_text(source, encoding="utf-8")
    project = tmp_path / "project"
    (project / "pkg").mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    (project / "pkg" / "a.py").write_text("x = 1\n", encoding="utf-8")
    result = tmp_path / "result.json"
    init = tmp_path / "init.lua"
    init.write_text(
        f"""vim.g.derivlint_cmd = {cmd}
dofile({json.dumps(str(config))})
vim.api.nvim_create_autocmd('VimEnter', {{ once = true, callback = function()
  local buf = vim.api.nvim_get_current_buf()
  local ok = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local roots = {{}}
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(roots, c.config.root_dir) end
  vim.fn.writefile({{ vim.fn.json_encode({{ ok = ok, roots = roots }}) }}, {json.dumps(str(result))})
  vim.cmd('qall!')
end }})
""",
        encoding="utf-8",
    )
    subprocess.run(
        ["nvim", "--headless", "-u", str(init), "a.py"],
        check=False,
        cwd=project / "pkg",
        timeout=60,
        capture_output=True,
    )
    outcome = json.loads(result.read_text())
    assert outcome["ok"], "no diagnostics from the stub server"
    assert outcome["roots"] == [str(project)]  # root_dir: the folder with pyproject.toml
    seen = json.loads(record.read_text())
    expected = {"diagnosticsScope": "workspace", "inlayHints": True, "ignore": ["S107"]}
    assert seen["initializationOptions"] == expected
    assert seen["configuration"] == [expected]
    assert seen["opened"] == [[(project / "pkg" / "a.py").as_uri(), "python"]]


# -------------------------------------------------------------------------- Helix


def test_helix_languages_toml() -> None:
    text = (CLIENTS / "helix" / "languages.toml").read_text(encoding="utf-8")
    config = tomllib.loads(text)
    server = config["language-server"]["derivlint"]
    assert server["command"] == "derivlint" and server["args"] == ["server"]
    # Helix answers workspace/configuration by walking `config` with the section name
    settings = server["config"]["derivlint"]
    assert set(settings) <= SERVER_SETTINGS
    assert settings["diagnosticsScope"] in ("openFiles", "workspace")
    for name in SERVER_SETTINGS:  # the rest are documented in comments
        assert re.search(rf"^#? ?{name} = ", text, re.MULTILINE), name
    [python] = [lang for lang in config["language"] if lang["name"] == "python"]
    servers = python["language-servers"]
    assert "derivlint" in servers and len(servers) >= 2, "derivlint next to the usual server"


# -------------------------------------------------------------------------- Emacs

ELISP = CLIENTS / "emacs" / "derivlint-eglot.el"


def _paren_depths(source: str) -> list[int]:
    """Depth after each top-level form; raises on an unbalanced close paren."""
    depth, depths, i = 0, [], 0
    while i < len(source):
        char = source[i]
        if char == ";":
            i = source.find("\n", i)
            i = len(source) if i < 0 else i
        elif char == '"':
            i += 1
            while source[i] != '"':
                i += 2 if source[i] == "\\" else 1
        elif char == "?":  # character literal: ?a ?\( ?\\
            i += 2 if source[i + 1] == "\\" else 1
        elif char == "\\":
            i += 1
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            assert depth >= 0, f"unbalanced ')' at offset {i}"
            if depth == 0:
                depths.append(depth)
        i += 1
    depths.append(depth)
    return depths


def test_elisp_parens_balance() -> None:
    depths = _paren_depths(ELISP.read_text(encoding="utf-8"))
    assert depths[-1] == 0, "unclosed '('"
    assert len(depths) > 5


def test_elisp_registers_derivlint_with_eglot() -> None:
    source = ELISP.read_text(encoding="utf-8")
    assert "(require 'eglot)" in source
    assert "'eglot-server-programs" in source
    assert "'((python-mode python-ts-mode) . derivlint-eglot-contact)" in source
    assert "eglot-workspace-configuration" in source
    assert '\'("derivlint" "server")' in source
    assert ":initializationOptions" in source
    for name in SERVER_SETTINGS:
        assert f":{name}" in source, name
    assert source.rstrip().endswith(";;; derivlint-eglot.el ends here")


def _emacs_has_eglot() -> bool:
    if shutil.which("emacs") is None:
        return False
    probe = '(progn (package-initialize) (princ (if (require \'eglot nil t) "yes" "no")))'
    out = subprocess.run(
        ["emacs", "--batch", "--eval", probe],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return out.stdout.strip().endswith("yes")


EMACS_EGLOT = _emacs_has_eglot()
needs_emacs = pytest.mark.skipif(
    not EMACS_EGLOT, reason="emacs with eglot is not installed (Debian: emacs-nox elpa-eglot)"
)


@needs_emacs
def test_elisp_byte_compiles_without_warnings(tmp_path: Path) -> None:
    copy = tmp_path / ELISP.name
    shutil.copy(ELISP, copy)
    done = subprocess.run(
        [
            "emacs", "--batch", "--eval", "(package-initialize)",
            "--eval", "(setq byte-compile-error-on-warn t)",
            "-f", "batch-byte-compile", str(copy),
        ],
        check=False, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert copy.with_suffix(".elc").is_file()


@needs_emacs
def test_eglot_config_drives_a_server(tmp_path: Path) -> None:
    """Eglot starts the server for python-mode and answers workspace/configuration."""
    record = tmp_path / "record.json"
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    (project / "a.py").write_text("x = 1\n", encoding="utf-8")
    (project / ".dir-locals.el").write_text(
        "((python-mode . ((eglot-workspace-configuration\n"
        '  . (:derivlint (:diagnosticsScope "openFiles" :ignore ["S107"]))))))\n',
        encoding="utf-8",
    )
    command = " ".join(json.dumps(str(a)) for a in (sys.executable, STUB_SERVER, record))
    script = f"""
(package-initialize)
(require 'eglot)
(setq enable-local-variables :all)
(setq derivlint-eglot-command '({command}))
(load {json.dumps(str(ELISP))})
(find-file {json.dumps(str(project / "a.py"))})
(python-mode)
(apply #'eglot (eglot--guess-contact))
(let ((deadline (+ (float-time) 20)))
  (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
    (accept-process-output nil 0.1)))
(princ (format "DIAGNOSTICS=%d\\n" (length (flymake-diagnostics))))
(kill-emacs 0)
"""
    driver = tmp_path / "driver.el"
    driver.write_text(script, encoding="utf-8")
    done = subprocess.run(
        ["emacs", "--batch", "-l", str(driver)],
        check=False,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert "DIAGNOSTICS=1" in done.stdout, done.stdout + done.stderr
    seen = json.loads(record.read_text())
    expected = {"diagnosticsScope": "openFiles", "ignore": ["S107"]}  # from .dir-locals.el
    assert seen["initializationOptions"] == expected
    assert seen["configuration"] == [expected]
    assert seen["opened"] == [[(project / "a.py").as_uri(), "python"]]


# --------------------------------------------------------------------- JupyterLab


def _run_jupyter_config() -> SimpleNamespace:
    class Section(SimpleNamespace):
        pass

    class Config:  # traitlets-like: c.Section.option = value
        def __getattr__(self, name: str) -> Section:
            section = Section()
            setattr(self, name, section)
            return section

    c = Config()
    path = CLIENTS / "jupyterlab" / "jupyter_server_config.py"
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, {"get_config": lambda: c})  # noqa: S102  # our own config file
    return c.LanguageServerManager


def test_jupyterlab_spec() -> None:
    manager = _run_jupyter_config()
    assert manager.autodetect is False
    spec = manager.language_servers["derivlint"]
    assert spec["version"] == 2
    assert spec["argv"] == ["derivlint", "server"]
    assert spec["languages"] == ["python"]
    assert {"text/x-python", "text/python", "text/x-ipython"} <= set(spec["mime_types"])
    assert spec["display_name"] == "derivlint"
    assert spec["requires_documents_on_disk"] is False
    schema = spec["config_schema"]["properties"]
    assert set(schema) == {f"derivlint.{name}" for name in SERVER_SETTINGS}
    assert schema["derivlint.severity"]["additionalProperties"]["enum"] == SEVERITIES


# ----------------------------------------------------------------------- pre-commit


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict[str, Any]]:
    listed = _read_hook_list((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in listed}


def test_pre_commit_hooks(hooks: dict[str, dict[str, Any]]) -> None:
    assert set(hooks) == {"derivlint", "derivlint-fix"}
    assert hooks["derivlint"]["entry"] == "derivlint check"
    assert hooks["derivlint-fix"]["entry"] == "derivlint check --fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["python", "jupyter"]
        assert hook["name"]


def test_pre_commit_entry_is_a_real_subcommand(
    hooks: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    program, *args = hooks["derivlint"]["entry"].split()
    assert program == "derivlint"
    assert _derivlint(*args, "--help").returncode == 0
    # pre-commit appends the staged files: findings fail the hook, clean files pass
    (tmp_path / "bad.py").write_text(BUGGY, encoding="utf-8")
    (tmp_path / "good.py").write_text(CLEAN, encoding="utf-8")
    assert _derivlint(*args, "bad.py", cwd=tmp_path).returncode == 1
    assert _derivlint(*args, "good.py", cwd=tmp_path).returncode == 0


def test_pre_commit_fix_entry(hooks: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    _, *args = hooks["derivlint-fix"]["entry"].split()
    assert args[0] == "check" and "--fix" in args
    assert "--fix" in _derivlint("check", "--help").stdout
    # the hook fixes the staged file in place, then passes once nothing is left
    (tmp_path / "inv.py").write_text(INVERSE, encoding="utf-8")
    done = _derivlint(*args, "inv.py", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "np.linalg.solve(A, b)" in (tmp_path / "inv.py").read_text(encoding="utf-8")


# ------------------------------------------------------------------ GitHub Actions

WORKFLOW = CLIENTS / "github-actions" / "derivlint-sarif.yml"


def _run_lines(text: str) -> list[str]:
    return [m.split(" #")[0].strip() for m in re.findall(r"^\s*run: (.*)$", text, re.MULTILINE)]


def test_workflow_structure() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "\t" not in text
    if yaml is not None:
        workflow = yaml.safe_load(text)
        job = workflow["jobs"]["code-scanning"]
        assert job["permissions"]["security-events"] == "write"
        upload = [
            s
            for s in job["steps"]
            if s.get("uses", "").startswith("github/codeql-action/upload-sarif")
        ]
        assert upload[0]["with"] == {"sarif_file": "derivlint.sarif", "category": "derivlint"}
    # text checks (all that runs without PyYAML)
    assert re.search(
        r"^    permissions:\n(      .*\n)*      security-events: write", text, re.MULTILINE
    )
    for step in (
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "github/codeql-action/upload-sarif@v3",
    ):
        assert f"uses: {step}" in text, step
    assert re.search(r"^ {10}sarif_file: derivlint\.sarif$", text, re.MULTILINE)
    assert re.search(r"^ {10}category: derivlint$", text, re.MULTILINE)
    runs = _run_lines(text)
    assert "derivlint check . --format sarif --exit-zero > derivlint.sarif" in runs
    assert "derivlint check . --format github" in runs


def test_workflow_commands_run(tmp_path: Path) -> None:
    """The workflow's derivlint commands work as written (on a small tree)."""
    (tmp_path / "bad.py").write_text(BUGGY, encoding="utf-8")
    for line in _run_lines(WORKFLOW.read_text(encoding="utf-8")):
        if not line.startswith("derivlint check"):
            continue
        args = line.split(">")[0].split()[1:]
        done = _derivlint(*args, cwd=tmp_path)
        if "sarif" in args:
            assert done.returncode == 0, done.stderr  # --exit-zero
            sarif = json.loads(done.stdout)
            assert sarif["version"] == "2.1.0"
            assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["S101"]
        else:
            assert done.returncode == 1
            assert done.stdout.startswith("::error file=bad.py")


# ------------------------------------------------------------------------- README


def test_client_config_readme_has_a_section_per_client() -> None:
    readme = (CLIENTS / "README.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", readme, re.MULTILINE)
    for client in (
        "VS Code",
        "Neovim",
        "Helix",
        "Emacs",
        "JupyterLab",
        "pre-commit",
        "GitHub Actions",
    ):
        assert any(client in section for section in sections), client
    for name in SERVER_SETTINGS:
        assert f"`{name}`" in readme, name
