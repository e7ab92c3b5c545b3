"""Inputs for the CLI tests (a distinct module name: ``conftest`` is not importable by name)."""

from __future__ import annotations

import json
from pathlib import Path

# A line Python 3 cannot parse (a Python 2 print): E001 without the shape engine.
PY2_PRINT = 'print "hello"'
# Shapes that cannot multiply: S101 once the shape engine is in.
MATMUL_MISMATCH = "import numpy as np\nX = np.zeros((3, 4))\nw = np.zeros(5)\nX @ w\n"


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def notebook(*cells: tuple[str, str]) -> str:
    """An nbformat 4 notebook from ``("code"|"markdown", source)`` pairs."""
    out = []
    for i, (kind, source) in enumerate(cells):
        cell: dict[str, object] = {
            "id": f"cell-{i}",
            "cell_type": kind,
            "metadata": {},
            "source": source.splitlines(keepends=True),
        }
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    return json.dumps(
        {
            "cells": out,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )
