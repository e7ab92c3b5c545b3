"""A deterministic corpus of derivation notebooks and scripts for the benchmark.

Files are built from the cells of the six exercises in ``examples/`` (correct and buggy
cells mixed), with renamed variables, varied sizes, extra markdown and scratch cells of
the kind people leave in notebooks, until each file has between 5 and 40 cells. Half are
``.ipynb`` (nbformat 4), half ``.py`` (percent format or a plain script). Same seed, same
tree, same bytes: no network, no clock.

    python bench/corpus.py [--files 320] [--seed 0] [--out bench/corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEFAULT_OUT = Path(__file__).resolve().parent / "corpus"
MANIFEST = "MANIFEST.json"
FUTURE = "from __future__ import annotations\n"
_LIVE_MAGIC = re.compile(r"(?m)^(\s*)(%{1,2}[A-Za-z]\w*.*)$")

# Main array names per exercise and what they may be renamed to (none collide in their file).
RENAMES: dict[str, dict[str, list[str]]] = {
    "01_ols": {
        "X": ["X", "A", "X_train", "design"],
        "y": ["y", "t", "targets"],
        "w_hat": ["w_hat", "beta_hat", "coef"],
    },
    "02_svd": {"A": ["A", "M", "B_sq"], "A_tall": ["A_tall", "T_mat", "tall"]},
    "03_mlp_backprop": {
        "model": ["model", "net", "mlp", "clf"],
        "X": ["X", "inputs", "X_batch"],
        "y": ["y", "labels_int"],
    },
    "04_softmax_ce": {"Z": ["Z", "logits", "scores"], "Y": ["Y", "Y_onehot", "T1"]},
    "05_gaussian_kl": {
        "samples": ["samples", "draws", "xs"],
        "log_ratio": ["log_ratio", "llr", "diffs"],
    },
    "06_logreg_gd_newton": {"X": ["X", "features", "X_data"], "w0": ["w0", "w_init", "theta0"]},
}
NAMES = [
    "a",
    "b",
    "c",
    "M",
    "v",
    "u",
    "G",
    "S",
    "P",
    "Q",
    "acts",
    "feats",
    "out",
    "tmp",
    "res",
    "vals",
]
PROSE = [
    "Quick check of the shapes before going on.",
    "Scratch work: trying the vectorised version.",
    "Does this agree with the formula above? $\\hat y = X \\hat w$.",
    "TODO: clean this up before submitting.",
    "Sanity check against the library, as the exercise asks.",
    "Let $n$ be the number of samples and $d$ the number of features.",
    "Recall $(AB)^\\top = B^\\top A^\\top$, which is why the transpose moves.",
]


def _load_splitter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "_bench_build_notebooks", EXAMPLES / "build_notebooks.py"
    )
    assert spec and spec.loader, "examples/build_notebooks.py is missing"
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def _scratch(rng: random.Random) -> tuple[str, bool]:
    """One self-contained scratch cell; sometimes with a marked shape bug, sometimes a magic."""
    a, b, c = rng.sample(NAMES, 3)
    n, d, k = rng.choice([50, 64, 100, 128, 500]), rng.choice([2, 3, 5, 8]), rng.choice([4, 6, 10])
    bug = rng.random() < 0.3
    kind = rng.randrange(9)
    head = f"{a} = rng.normal(size=({n}, {d}))"
    if kind == 0:
        line = f"{c} = {b} @ {a}  # expect: S101" if bug else f"{c} = {a} @ {b}"
        body = [head, f"{b} = rng.normal(size={d})", line, f"print({c}.shape)"]
    elif kind == 1:
        line = (
            f"{b} = {a} - {a}.mean(axis=1)  # expect: S106"
            if bug
            else f"{b} = {a} - {a}.mean(axis=0)"
        )
        body = [head, line, f"{c} = {b}.std(axis=0)"]
    elif kind == 2:
        keep = "" if bug else ", keepdims=True"
        mark = "  # expect: S106" if bug else ""
        body = [
            f"{a} = rng.normal(size=({n}, {k}))",
            f"{b} = np.exp({a} - {a}.max(axis=1{keep})){mark}",
            f"{c} = {b} / {b}.sum(axis=1, keepdims=True)" if not bug else f"print({b}.shape)",
        ]
    elif kind == 3:
        line = f"{c} = {a}.reshape(-1, 1) - {b}  # expect: S102" if bug else f"{c} = {a} - {b}"
        body = [
            f"{a} = rng.normal(size={n})",
            f"{b} = rng.normal(size={n})",
            line,
            f"print(np.abs({c}).max())",
        ]
    elif kind == 4:
        size = 15 if bug else 16
        mark = "  # expect: S104" if bug else ""
        body = [f"{a} = rng.normal(size=({n}, 4, 4))", f"{b} = {a}.reshape({n}, {size}){mark}"]
    elif kind == 5:
        body = [
            f"{a} = np.zeros((0, {d}))",
            f"for step in range({rng.choice([5, 10, 50])}):",
            f"    {a} = np.vstack([{a}, rng.normal(size={d})])",
            f"print({a}.shape)",
        ]
    elif kind == 6:
        note = f"# shape: ({n}, {d}" + ("  # expect: S107" if bug else ")")
        body = [f"{head}  {note}", f"{b} = {a}.T @ {a}"]
    elif kind == 7:
        line = f"{b} = {a}.sum(axis=2)  # expect: S105" if bug else f"{b} = {a}.sum(axis=1)"
        body = [head, line]
    else:
        body = [head, f"{b} = {a}.T @ {a}", f"# %timeit {a}.T @ {a}"]
    return "\n".join(body), bug


def _vary_sizes(code: str, rng: random.Random) -> str:
    """Rescale the big integers of size lines like ``n, d = 200, 3`` (small dims stay)."""

    def rescale(match: re.Match[str]) -> str:
        value = int(match.group(0).replace("_", ""))
        return str(max(10, int(value * rng.uniform(0.5, 2.0)))) if value >= 20 else match.group(0)

    def line(match: re.Match[str]) -> str:
        return match.group(1) + re.sub(r"\d[\d_]*", rescale, match.group(2))

    return re.sub(r"(?m)^(\w+(?:, \w+)* = )(\d[\d_]*(?:, \d[\d_]*)*)$", line, code)


def _rename(text: str, mapping: dict[str, str]) -> str:
    for old, new in mapping.items():
        if old != new:
            text = re.sub(rf"(?<![\w.]){re.escape(old)}\b", new, text)
    return text


def _exercise_cells(splitter: ModuleType, folder: str, rng: random.Random) -> list[tuple[str, str]]:
    """Cells of one exercise: the correct file, with some cells swapped for buggy twins."""
    correct = splitter.split_cells((EXAMPLES / folder / f"{_stem(folder)}_correct.py").read_text())
    buggy = splitter.split_cells((EXAMPLES / folder / f"{_stem(folder)}_shape_bugs.py").read_text())
    bug_cells = [c for c in buggy if c.kind == "code" and "# expect:" in c.source]
    cells = [(c.kind, c.source) for c in correct]
    if bug_cells and rng.random() < 0.6:
        for cell in rng.sample(bug_cells, rng.randint(1, min(3, len(bug_cells)))):
            cells.insert(rng.randint(2, len(cells)), (cell.kind, cell.source))
    mapping = {old: rng.choice(new) for old, new in RENAMES[folder].items()}
    return [(kind, _vary_sizes(_rename(src, mapping), rng)) for kind, src in cells]


def _stem(folder: str) -> str:
    return {
        "03_mlp_backprop": "mlp",
        "04_softmax_ce": "softmax_ce",
        "05_gaussian_kl": "gaussian_kl",
        "06_logreg_gd_newton": "logreg",
    }.get(folder, folder.split("_", 1)[1])


def build_cells(splitter: ModuleType, rng: random.Random) -> list[tuple[str, str]]:
    """One file's cells: an exercise (or two), scratch cells and prose, 5 to 40 cells."""
    target = rng.randint(5, 40)
    folders = sorted(RENAMES)
    cells = _exercise_cells(splitter, rng.choice(folders), rng)
    if len(cells) < target and rng.random() < 0.4:
        # Skip the second exercise's title; `from __future__` is only legal at the top.
        extra = _exercise_cells(splitter, rng.choice(folders), rng)[1:]
        cells += [(kind, src.replace(FUTURE, "")) for kind, src in extra]
    cells = cells[: target - 1]
    seed_cell = f"rng = np.random.default_rng({rng.randrange(100)})"
    cells.insert(min(2, len(cells)), ("code", seed_cell))  # after the imports
    while len(cells) < target:
        if rng.random() < 0.25:
            cells.insert(rng.randint(3, len(cells)), ("markdown", rng.choice(PROSE)))
        else:
            cells.append(("code", _scratch(rng)[0]))
    return cells


def _as_notebook(cells: list[tuple[str, str]], splitter: ModuleType) -> str:
    # Route through the percent splitter so commented magics become real ones, as in examples/.
    text = _as_percent(cells)
    made = [
        (new_code_cell if c.kind == "code" else new_markdown_cell)(c.source, id=f"c{i:03d}")
        for i, c in enumerate(splitter.split_cells(text))
    ]
    nb = new_notebook(
        cells=made,
        metadata={"kernelspec": splitter.KERNELSPEC, "language_info": {"name": "python"}},
    )
    return nbformat.writes(nb) + "\n"


def _script_code(source: str) -> str:
    """Magics are commented out in scripts (jupytext's convention), so a script stays Python."""
    return _LIVE_MAGIC.sub(r"\1# \2", source)


def _as_percent(cells: list[tuple[str, str]]) -> str:
    parts = []
    for kind, source in cells:
        if kind == "markdown":
            lines = (f"# {line}".rstrip() for line in source.splitlines())
            parts.append("# %% [markdown]\n" + "\n".join(lines))
        else:
            parts.append("# %%\n" + _script_code(source))
    return "\n\n".join(parts) + "\n"


def _as_plain_script(cells: list[tuple[str, str]]) -> str:
    return "\n\n".join(_script_code(src) for kind, src in cells if kind == "code") + "\n"


def _fingerprint() -> str:
    """Digest of the generator and the examples it draws on: a change rebuilds the corpus."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(EXAMPLES.glob("0*_*/*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def generate(out: Path = DEFAULT_OUT, files: int = 320, seed: int = 0) -> list[Path]:
    """Write the corpus (unless the manifest says it is already there) and list its files."""
    manifest = out / MANIFEST
    wanted = {"files": files, "seed": seed, "inputs": _fingerprint()}
    if manifest.exists() and json.loads(manifest.read_text()).get("params") == wanted:
        return sorted(p for p in out.iterdir() if p.suffix in {".py", ".ipynb"})
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    splitter = _load_splitter()
    rng = random.Random(seed)
    paths = []
    for index in range(files):
        cells = build_cells(splitter, rng)
        if index % 2 == 0:
            path, text = out / f"nb_{index:04d}.ipynb", _as_notebook(cells, splitter)
        elif rng.random() < 0.5:
            path, text = out / f"script_{index:04d}.py", _as_percent(cells)
        else:
            path, text = out / f"script_{index:04d}.py", _as_plain_script(cells)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    manifest.write_text(json.dumps({"params": wanted, "count": len(paths)}, indent=1) + "\n")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=320)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    paths = generate(args.out, args.files, args.seed)
    notebooks = sum(p.suffix == ".ipynb" for p in paths)
    print(
        f"{len(paths)} files ({notebooks} notebooks, {len(paths) - notebooks} scripts) in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
