"""The installed ``derivlint`` console script, run as a real process, and its start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cli_helpers import write

SCRIPT = Path(sys.executable).with_name("derivlint")
#: modules `derivlint check` must not load for a file that does not need them
HEAVY = ("pygls", "lsprotocol", "numpy", "sympy", "nbformat")


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DERIVLINT_DEBUG"}


def test_script_version_and_exit_codes(tmp_path: Path) -> None:
    assert SCRIPT.exists(), "install with `pip install -e .` so the console script exists"
    version = subprocess.run([SCRIPT, "--version"], capture_output=True, text=True, check=False)
    assert (version.returncode, version.stdout.startswith("derivlint ")) == (0, True)

    write(tmp_path / "broken.ipynb", "{ not json")
    write(tmp_path / "ok.py", "x = 1\n")
    result = subprocess.run(
        [SCRIPT, "check", "--format", "json", "broken.ipynb", "ok.py"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(),
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert [f["code"] for f in json.loads(result.stdout)] == ["E002"]
    # stderr is not a TTY here: no progress output, no traceback
    assert result.stderr == ""

    missing = subprocess.run(
        [SCRIPT, "check", "nope.py"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


def test_check_of_a_small_file_stays_light(tmp_path: Path) -> None:
    write(tmp_path / "small.py", "def f(x):\n    return x + 1\n")
    probe = (
        "import sys\n"
        "from derivlint.cli import main\n"
        "code = main(['check', 'small.py'])\n"
        f"print(code, sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"
