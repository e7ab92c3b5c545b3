"""``derivlint check --fix`` / ``--unsafe-fixes`` on the numerical rules' fixes (N307, N308)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

from cli_helpers import write

SOFTPLUS = (
    "import numpy as np\n"
    "X = np.random.randn(20, 3)\n"
    "w = np.zeros(3)\n"
    "y = np.ones(20)\n"
    "loss = np.mean(np.log(1 + np.exp(-y * (X @ w))))\n"
)


def codes(run: Callable, path: str) -> list[str]:
    return [f["code"] for f in run("check", path, "--format", "json").json()]


def test_softplus_fix_is_unsafe_and_applied_only_when_asked(project: Path, run: Callable) -> None:
    path = write(project / "loss.py", SOFTPLUS)
    assert codes(run, "loss.py") == ["N307"]
    run("check", "loss.py", "--fix")
    assert path.read_text(encoding="utf-8") == SOFTPLUS
    done = run("check", "loss.py", "--fix", "--unsafe-fixes")
    text = path.read_text(encoding="utf-8")
    assert text.endswith("loss = np.mean(np.logaddexp(0, -y * (X @ w)))\n")
    ast.parse(text)
    assert done.code == 0, done.out
    assert codes(run, "loss.py") == []


SCATTER = (
    "import numpy as np\n"
    "X = np.random.randn(20, 3)\n"
    "S = np.empty((3, 3))\n"
    "for x in X:\n"
    "    S += np.outer(x, x)\n"
)


def test_empty_accumulator_fix_is_safe_and_applied_by_fix(project: Path, run: Callable) -> None:
    path = write(project / "scatter.py", SCATTER)
    assert codes(run, "scatter.py") == ["N308"]
    assert "-S = np.empty((3, 3))\n+S = np.zeros((3, 3))\n" in run("check", "scatter.py", "--diff").out
    done = run("check", "scatter.py", "--fix")
    assert path.read_text(encoding="utf-8") == SCATTER.replace("np.empty", "np.zeros")
    assert done.code == 0, done.out
    assert "Fixed 1 finding (0 remaining)." in done.err
    assert codes(run, "scatter.py") == []


def test_empty_read_right_away_is_fixed_only_with_unsafe_fixes(project: Path, run: Callable) -> None:
    text = "import numpy as np\nW = np.empty(5)\nt = W.sum()\n"
    path = write(project / "w.py", text)
    run("check", "w.py", "--fix")
    assert path.read_text(encoding="utf-8") == text
    run("check", "w.py", "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == text.replace("np.empty", "np.zeros")
