"""End to end in a real editor: headless Neovim (Debian's 0.7.2) drives the server.

Neovim loads the shipped config ``client-config/neovim/derivlint-0.7.lua`` (its
FileType autocmd starts the server with ``vim.lsp.start_client`` and attaches the
buffer), and ``nvim/init.lua`` waits for the diagnostics, asks for a hover and for
code actions through Neovim's LSP client, and writes what it got to a JSON file.
The checks are those a user makes: the findings sit on the lines the example marks
with ``# expect:``, hovering a name shows its shape, and the light bulb offers the
readings and the ignore comment.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INIT = Path(__file__).resolve().parent / "nvim" / "init.lua"
CONFIG = ROOT / "client-config" / "neovim" / "derivlint-0.7.lua"
EXAMPLE = ROOT / "examples" / "01_ols" / "ols_shape_bugs.py"
TIMEOUT = 60

# The example's own marker format: `# expect: CODE[, CODE]` at the end of a line.
_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>[A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)")

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(
    NVIM is None, reason="nvim is not on PATH (Debian: apt-get install neovim; .ci/run tries that)"
)


def expected_findings(lines: list[str]) -> list[tuple[int, str]]:
    """``(0-based line, code)`` for every ``# expect:`` marker, sorted."""
    found = []
    for number, line in enumerate(lines):
        match = _EXPECT.search(line)
        if match:
            found.extend((number, code.strip()) for code in match.group("codes").split(","))
    return sorted(found)


def server_command() -> list[str]:
    """The venv's ``derivlint`` (the interpreter running the tests is the venv's)."""
    script = Path(sys.executable).with_name("derivlint")
    if script.is_file():
        return [str(script), "server"]
    return [sys.executable, "-m", "derivlint", "server"]


def _read(path: Path) -> str:
    return path.read_text(errors="replace") if path.is_file() else f"({path} does not exist)"


def test_neovim_07_client(tmp_path: Path) -> None:
    source = tmp_path / EXAMPLE.name
    shutil.copyfile(EXAMPLE, source)
    lines = source.read_text().splitlines()
    expected = expected_findings(lines)
    assert expected, f"no # expect: markers in {EXAMPLE}"

    # Hover on `X` where it is assigned; ask for code actions on the S101 line.
    x_line = next(i for i, line in enumerate(lines) if line.startswith("X = "))
    action_line = next(line for line, code in expected if code == "S101")

    out = tmp_path / "result.json"
    home = tmp_path / "home"
    cmd = server_command()
    env = {
        **os.environ,
        # No user config, plugins, shada or logs from the machine's profile.
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "NVIM_LOG_FILE": str(tmp_path / "nvim.log"),
        "DERIVLINT_NVIM_CONFIG": str(CONFIG),
        "DERIVLINT_NVIM_CMD": json.dumps(cmd),
        "DERIVLINT_NVIM_OUT": str(out),
        "DERIVLINT_NVIM_HOVER": f"{x_line}:0",
        "DERIVLINT_NVIM_ACTION": str(action_line),
        "DERIVLINT_NVIM_LOG_LEVEL": "debug",
    }
    argv = [NVIM, "--headless", "-i", "NONE", "-u", str(INIT), source.name]
    # Own session: on a timeout the whole group (nvim and the server it started) goes.
    proc = subprocess.Popen(
        argv,
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=TIMEOUT)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        timed_out = True

    try:
        result = json.loads(out.read_text()) if out.is_file() else None
    except ValueError as error:
        result = {"unreadable": f"{error}: {out.read_text()!r}"}
    lsp_log = (result or {}).get("log_path") or str(home / "cache" / "nvim" / "lsp.log")
    killed = f" (killed after {TIMEOUT} s)" if timed_out else ""
    debug = (
        f"\n$ {' '.join(argv)}  (cwd {tmp_path})\n"
        f"exit {proc.returncode}{killed}\n"
        f"--- nvim stdout ---\n{stdout}\n--- nvim stderr ---\n{stderr}\n"
        f"--- result.json ---\n{json.dumps(result, indent=1, ensure_ascii=False)}\n"
        f"--- {lsp_log} ---\n{_read(Path(lsp_log))[-20000:]}\n"
        f"--- $NVIM_LOG_FILE ---\n{_read(tmp_path / 'nvim.log')[-5000:]}\n"
    )

    assert not timed_out and result is not None and "unreadable" not in result, (
        "nvim wrote no result" + debug
    )
    assert result["errors"] == [], debug
    assert result["filetype"] == "python", debug
    # The config started the server it was told to (vim.g.derivlint_cmd) and attached it.
    assert result["clients"] == [{"name": "derivlint", "cmd": cmd}], debug
    assert result["waited"], "no diagnostics within 20 s" + debug

    diagnostics = result["diagnostics"]
    assert sorted((d["lnum"], d["code"]) for d in diagnostics) == expected, debug
    assert {d["source"] for d in diagnostics} == {"derivlint"}, debug
    for d in diagnostics:
        assert d["message"], debug
        assert d["href"].startswith("https://"), debug

    assert result["hover_kind"] == "markdown", debug
    assert "`X`" in result["hover"] and "(200, 3)" in result["hover"], debug

    assert result["action_context_codes"] == ["S101"], debug
    titles = [action["title"] for action in result["actions"]]
    assert any(title.startswith("Open reading:") for title in titles), debug
    assert "Ignore S101 on this line" in titles, debug
    assert proc.returncode == 0, debug
