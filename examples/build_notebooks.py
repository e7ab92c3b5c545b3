"""Build each example notebook from its percent-format twin (``ols_correct.py`` -> ``.ipynb``).

The ``.py`` files are the source of truth, written in the percent format that VS Code,
Spyder and jupytext read: ``# %%`` starts a code cell, ``# %% [markdown]`` starts a
markdown cell whose lines are ``#``-commented, and a commented magic such as
``# %timeit f(x)`` or ``# %%time`` (jupytext's convention for keeping a script
importable) becomes the real IPython magic in the notebook. One source means the
``# expect:`` markers of a bug file and its notebook can never drift apart.

Output is deterministic (fixed cell ids, no outputs, no execution counts) so that a test
can check the committed notebooks are current.

Usage: ``python examples/build_notebooks.py`` (write) or ``--check`` (exit 1 if stale).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

EXAMPLES = Path(__file__).resolve().parent

_MARKER = re.compile(r"^# %%(?P<kind> \[markdown\])?(?:\s.*)?$")
# Only magics we actually use are uncommented: a comment that merely mentions `%` stays.
_MAGIC = re.compile(r"^(?P<indent>\s*)# (?P<magic>%{1,2}(?:timeit|time|matplotlib|precision)\b.*)$")

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


@dataclass(frozen=True)
class Cell:
    kind: str  # "code" or "markdown"
    source: str


def split_cells(text: str) -> list[Cell]:
    """Split percent-format text into cells; text before the first marker is dropped."""
    cells: list[Cell] = []
    kind: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if kind is not None:
            body = _trim_blank("\n".join(lines))
            if body:
                cells.append(Cell(kind, body))

    for line in text.splitlines():
        match = _MARKER.match(line)
        if match:
            flush()
            kind, lines = ("markdown" if match.group("kind") else "code"), []
        elif kind == "markdown":
            lines.append(_uncomment(line))
        elif kind == "code":
            magic = _MAGIC.match(line)
            lines.append(magic.group("indent") + magic.group("magic") if magic else line)
    flush()
    return cells


def _uncomment(line: str) -> str:
    if line.startswith("# "):
        return line[2:]
    return line.removeprefix("#")


def _trim_blank(body: str) -> str:
    lines = body.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def notebook_text(py_path: Path) -> str:
    """The ``.ipynb`` text for one percent-format example, as it is committed."""
    cells = []
    for index, cell in enumerate(split_cells(py_path.read_text(encoding="utf-8")), start=1):
        make = new_code_cell if cell.kind == "code" else new_markdown_cell
        cells.append(make(cell.source, id=f"{py_path.stem.replace('_', '-')}-{index:02d}"))
    nb = new_notebook(
        cells=cells,
        metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "python"}},
    )
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def example_sources(root: Path = EXAMPLES) -> list[Path]:
    """Every percent-format example (one per exercise folder, correct and buggy)."""
    return sorted(p for p in root.glob("0*_*/*.py"))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for py_path in example_sources():
        target = py_path.with_suffix(".ipynb")
        text = notebook_text(py_path)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        stale.append(target)
        if not check:
            target.write_text(text, encoding="utf-8")
    verb = "stale" if check else "wrote"
    for path in stale:
        print(f"{verb}: {path.relative_to(EXAMPLES.parent)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
