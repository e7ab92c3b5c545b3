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
