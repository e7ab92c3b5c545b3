"""Time derivlint against pyflakes and a bare ``ast.parse`` on the same generated corpus.

    python bench/bench_check.py [--files 320] [--repeat 3] [--profile] [--seed 0]

The corpus (``bench/corpus.py``, at least 150 notebooks and 150 scripts) is generated on
demand under ``bench/corpus/``. Each tool starts from the file path, as its users run it:

- derivlint: ``derivlint.analysis.check_file`` (loads the notebook, masks IPython syntax,
  parses, runs the engine and every rule);
- pyflakes: ``pyflakes.api.check`` on the script, or on a notebook's code cells joined with
  magics masked, which is what pyflakes users get through nbqa;
- ast.parse: the same text as pyflakes gets, parsed and nothing more: the floor.

Each repetition runs in a fresh interpreter, so a cache keyed by file text cannot turn
repetitions 2..K into cache hits; inside it only the loop over the files is timed, after the
imports and a warm-up on a small synthetic file. The best of K is reported.
``--profile`` adds a cProfile of one derivlint run (top 25 by cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TOOLS = ("derivlint", "pyflakes", "ast.parse")

# nbqa-style masking for the baselines: a magic or shell line becomes `pass`, keeping the
# indentation and the line count. (derivlint does its own, tokenizer-aware masking.)
_MAGIC_LINE = re.compile(r"(?m)^([ \t]*)([%!].*)$")

_WARMUP_PY = "import numpy as np\nX = np.zeros((4, 3))\nw = np.ones(3)\nr = X @ w - 1.0\n"
_WARMUP_CELLS = [
    "import numpy as np",
    "%timeit 1\nZ = np.ones((5, 2))",
    "P = Z - Z.max(axis=1, keepdims=True)",
]


def code_of(path: Path) -> str:
    """The Python text a notebook-unaware tool sees: the script, or the code cells joined."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    cells = json.loads(text).get("cells", [])
    code = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
    return _MAGIC_LINE.sub(r"\1pass  # \2", code)


def _run_ast(paths: list[Path]) -> dict[str, int]:
    import ast

    errors = 0
    for path in paths:
        try:
            ast.parse(code_of(path), filename=str(path))
        except SyntaxError:
            errors += 1
    return {"syntax_errors": errors}


def _run_pyflakes(paths: list[Path]) -> dict[str, int]:
    from pyflakes.api import check
    from pyflakes.reporter import Reporter

    sink = io.StringIO()
    reporter = Reporter(sink, sink)
    messages = sum(check(code_of(path), str(path), reporter) for path in paths)
    return {"messages": messages}


def _run_derivlint(paths: list[Path]) -> dict[str, int]:
    from derivlint.analysis import check_file

    findings = crashes = 0
    for path in paths:
        try:
            findings += len(check_file(path).findings)
        except Exception:  # noqa: BLE001 - never-crash is the contract; count, do not stop
            crashes += 1
    return {"findings": findings, "crashes": crashes}


RUNNERS: dict[str, Callable[[list[Path]], dict[str, int]]] = {
    "derivlint": _run_derivlint,
    "pyflakes": _run_pyflakes,
    "ast.parse": _run_ast,
}


def _warm_up(tool: str) -> None:
    """Pay imports and first-call costs outside the timer, on files unlike the corpus."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp, "warm.py")
        script.write_text(_WARMUP_PY)
        notebook = Path(tmp, "warm.ipynb")
        nbformat.write(new_notebook(cells=[new_code_cell(c) for c in _WARMUP_CELLS]), notebook)
        RUNNERS[tool]([script, notebook])


def worker(tool: str, list_file: Path, profile: bool) -> int:
    """One timed run in this (fresh) process; prints a JSON line, then the profile if asked."""
    paths = [Path(line) for line in list_file.read_text().splitlines() if line]
    _warm_up(tool)
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    counts = RUNNERS[tool](paths)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    print(json.dumps({"tool": tool, "seconds": seconds, **counts}))
    if profiler:
        stats = io.StringIO()
        pstats.Stats(profiler, stream=stats).sort_stats("cumulative").print_stats(25)
        print(stats.getvalue())
    return 0


def _spawn(tool: str, list_file: Path, profile: bool = False) -> tuple[dict, str]:
    command = [sys.executable, __file__, "--worker", tool, "--list", str(list_file)]
    if profile:
        command.append("--profile")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{tool} worker failed:\n{done.stderr[-3000:]}")
    first, _, rest = done.stdout.partition("\n")
    return json.loads(first), rest


def _table(best: dict[str, dict], n_files: int) -> str:
    base_pf, base_ast = best["pyflakes"]["seconds"], best["ast.parse"]["seconds"]
    rows = [
        "| tool | seconds | files/s | ratio vs pyflakes | ratio vs ast.parse |",
        "|---|---:|---:|---:|---:|",
    ]
    for tool in TOOLS:
        s = best[tool]["seconds"]
        rows.append(
            f"| {tool} | {s:.3f} | {n_files / s:,.0f} | {s / base_pf:.1f}x | {s / base_ast:.1f}x |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="derivlint vs pyflakes vs ast.parse")
    parser.add_argument("--files", type=int, default=320, help="corpus size (half notebooks)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the best counts")
    parser.add_argument("--profile", action="store_true", help="cProfile one derivlint run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=BENCH / "corpus")
    parser.add_argument("--worker", choices=TOOLS, help=argparse.SUPPRESS)
    parser.add_argument("--list", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.list, args.profile)

    sys.path.insert(0, str(BENCH))
    from corpus import generate

    paths = generate(args.corpus, args.files, args.seed)
    notebooks = sum(p.suffix == ".ipynb" for p in paths)
    lines = sum(code_of(p).count("\n") + 1 for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(str(p) for p in paths))
        list_file = Path(handle.name)
    try:
        best: dict[str, dict] = {}
        for tool in TOOLS:
            runs = [_spawn(tool, list_file)[0] for _ in range(max(1, args.repeat))]
            best[tool] = min(runs, key=lambda run: run["seconds"])
        print(
            f"{len(paths)} files ({notebooks} notebooks, {len(paths) - notebooks} scripts), "
            f"{lines:,} lines of code; best of {max(1, args.repeat)} runs each\n"
        )
        print(_table(best, len(paths)))
        dl, pf = best["derivlint"], best["pyflakes"]
        print(
            f"\nderivlint: {dl['findings']} findings, {dl['crashes']} files crashed; "
            f"pyflakes: {pf['messages']} messages; "
            f"ast.parse: {best['ast.parse']['syntax_errors']} syntax errors"
        )
        if args.profile:
            print("\n## derivlint profile (one run, top 25 by cumulative time)\n")
            print(_spawn("derivlint", list_file, profile=True)[1])
    finally:
        list_file.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
