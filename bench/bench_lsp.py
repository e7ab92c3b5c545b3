"""Editor latency of the language server: a notebook cell edit until its diagnostics arrive.

    python bench/bench_lsp.py [--sizes 30,100,300] [--edits 40] [--repeat 5] [--json]

For each notebook size N, a fresh ``python -m derivlint server`` is started as a subprocess
and driven over stdio by pygls's ``LanguageClient``, as an editor would: ``initialize`` with
VS Code's client capabilities plus ``notebookDocument.synchronization`` (pygls advertises
notebook sync only to clients that declare it), ``initialized`` (settings
``{"diagnosticsScope": "openFiles"}`` answered through ``workspace/configuration``, root an
empty temporary directory, so the workspace scan has nothing to do), then
``notebookDocument/didOpen`` of a ``jupyter-notebook`` with N cells. The cells are those of
every bundled ``examples/*/*.ipynb`` (markdown and code, in order), repeated until N.

After the first ``publishDiagnostics`` of every code cell has arrived, the client makes
``--edits`` edits of each kind on code cells spread evenly over the notebook, one at a time:

- ``comment``: ``  # edit k`` appended to the cell's last line (the program is unchanged);
- ``code``: a new last line ``_bench_k = 1`` (the program changes).

Each edit is one ``notebookDocument/didChange`` carrying an incremental range change of one
cell (the notebook's and the cell's versions bumped). Its latency is the time from sending
it to receiving ``textDocument/publishDiagnostics`` for that cell's URI with the cell's new
version (the server publishes the edited cell even when its diagnostics did not change). An
edit with no such publish within 10 s counts as a failure.

The table gives p50, p95, max and mean per size and kind, the ratio of p95 to the 50 ms
target, and as a baseline the in-process time of one full
``check_program(program_from_cells(cells, "bench.ipynb"))`` on the same notebook (median of
``--repeat`` runs after a warm-up): what a full re-check costs without the protocol.
The server publishes the edited cell as soon as that cell is re-checked, and the cells
after it follow (a newer edit cancels that second part). The notes under the table give
what the second part costs: the in-process time to re-check the whole notebook from the
edited cell (``resume_ms``), p50/p95 over the same number of code edits.
``--json`` writes the results as one JSON document on stdout (the table goes to stderr).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TARGET_P95_MS = 50.0
EDIT_TIMEOUT = 10.0
OPEN_TIMEOUT = 30.0
KINDS = ("comment", "code")
SETTINGS = {"derivlint": {"diagnosticsScope": "openFiles"}}


# -- the notebook ----------------------------------------------------------------------
def example_cells() -> list[tuple[str, str]]:
    """Every cell of the bundled example notebooks, in order, as ``(kind, source)``."""
    cells: list[tuple[str, str]] = []
    for path in sorted(ROOT.glob("examples/*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            kind = cell.get("cell_type")
            if kind in ("code", "markdown"):
                cells.append((kind, text))
    if not cells:
        raise SystemExit(f"no example notebooks under {ROOT / 'examples'}")
    return cells


def notebook_cells(n: int, pool: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [pool[i % len(pool)] for i in range(n)]


def baseline_ms(cells: list[tuple[str, str]], repeat: int) -> float:
    """Median in-process time of one full check of the notebook (after a warm-up run)."""
    from derivlint.analysis import check_program
    from derivlint.sources import program_from_cells

    check_program(program_from_cells(cells, "bench.ipynb"))
    runs = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        check_program(program_from_cells(cells, "bench.ipynb"))
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def resume_ms(cells: list[tuple[str, str]], edits: int) -> dict[str, float | None]:
    """In-process time to re-check the *whole* notebook after a one-line code edit.

    The server publishes the edited cell as soon as that cell is done and the cells
    after it follow; this is the cost of that second part too (a ``Session`` resuming
    at the edited cell and running to the last cell), p50/p95 over ``edits`` edits.
    """
    import gc

    from derivlint.analysis import check_program
    from derivlint.shapes.session import Session
    from derivlint.sources import program_from_cells

    cells = list(cells)
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 50, 1000)  # as the server sets them (derivlint.server.main)
    session = Session()
    check_program(program_from_cells(cells, "bench.ipynb"), session=session)
    code = [i for i, (kind, _) in enumerate(cells) if kind == "code"]
    runs = []
    for k in range(edits):
        i = code[(k * len(code)) // edits]
        cells[i] = (cells[i][0], cells[i][1] + f"\n_resume_{k} = 1")
        start = time.perf_counter()
        check_program(program_from_cells(cells, "bench.ipynb"), session=session)
        runs.append((time.perf_counter() - start) * 1000)
    gc.set_threshold(*thresholds)
    return summary(runs)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Cell:
    uri: str
    kind: str
    text: str
    version: int = 1

    def end(self) -> types.Position:
        lines = self.text.split("\n")
        return types.Position(line=len(lines) - 1, character=utf16_len(lines[-1]))


def edit_targets(cells: list[Cell], edits: int) -> list[int]:
    """``edits`` code-cell indices spread evenly from the first code cell to the last."""
    code = [i for i, cell in enumerate(cells) if cell.kind == "code"]
    if edits <= 1 or len(code) == 1:
        return [code[0]] * max(edits, 0)
    return [code[round(j * (len(code) - 1) / (edits - 1))] for j in range(edits)]


# -- the client ------------------------------------------------------------------------
def capabilities() -> types.ClientCapabilities:
    try:
        from pytest_lsp import client_capabilities

        caps = client_capabilities("visual-studio-code")
    except ImportError:  # pytest-lsp is a test extra: fall back to what the bench needs
        caps = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(configuration=True),
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True)
            ),
        )
    caps.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities(execution_summary_support=True)
    )
    return caps


@dataclass
class Bench:
    client: LanguageClient
    #: (uri, version) -> perf_counter time the publish arrived
    arrived: dict[tuple[str, int | None], float] = field(default_factory=dict)
    diagnostics: dict[str, int] = field(default_factory=dict)  # uri -> count in the last publish
    waiters: dict[tuple[str, int], asyncio.Future[float]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # server errors and warnings
    stderr_tail: list[str] = field(default_factory=list)

    def published(self, params: types.PublishDiagnosticsParams) -> None:
        now = time.perf_counter()
        key = (params.uri, params.version)
        self.arrived.setdefault(key, now)
        self.diagnostics[params.uri] = len(params.diagnostics)
        waiter = self.waiters.pop(key, None) if params.version is not None else None
        if waiter is not None and not waiter.done():
            waiter.set_result(now)

    async def wait_for(self, uri: str, version: int, timeout: float) -> float | None:
        """Arrival time of ``uri``'s publish at ``version``, or None after ``timeout``."""
        if (uri, version) in self.arrived:
            return self.arrived[(uri, version)]
        waiter = asyncio.get_running_loop().create_future()
        self.waiters[(uri, version)] = waiter
        try:
            return await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            self.waiters.pop((uri, version), None)
            return None


def make_client() -> Bench:
    client = LanguageClient("derivlint-bench", "0")
    bench = Bench(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        bench.published(params)

    @client.feature(types.WORKSPACE_CONFIGURATION)
    def on_configuration(params: types.ConfigurationParams) -> list[Any]:
        return [SETTINGS.get(item.section) if item.section else SETTINGS for item in params.items]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: types.RegistrationParams) -> None:
        return None

    @client.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def on_progress(params: types.WorkDoneProgressCreateParams) -> None:
        return None

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        if params.type in (types.MessageType.Error, types.MessageType.Warning):
            bench.problems.append(params.message)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def on_show(params: types.ShowMessageParams) -> None:
        bench.problems.append(params.message)

    return bench


async def drain_stderr(bench: Bench) -> None:
    """Read the server's stderr (an unread pipe would block it once full); keep the tail."""
    server = bench.client._server  # pygls keeps the process here
    if server is None or server.stderr is None:
        return
    while line := await server.stderr.readline():
        bench.stderr_tail = [*bench.stderr_tail[-40:], line.decode(errors="replace").rstrip()]


def change(
    nb_uri: str, nb_version: int, cell: Cell, at: types.Position, text: str
) -> types.DidChangeNotebookDocumentParams:
    edit = types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text=text)
    content = types.NotebookDocumentCellContentChanges(
        document=types.VersionedTextDocumentIdentifier(uri=cell.uri, version=cell.version),
        changes=[edit],
    )
    return types.DidChangeNotebookDocumentParams(
        notebook_document=types.VersionedNotebookDocumentIdentifier(version=nb_version, uri=nb_uri),
        change=types.NotebookDocumentChangeEvent(
            cells=types.NotebookDocumentCellChanges(text_content=[content])
        ),
    )


def summary(samples: list[float]) -> dict[str, float | None]:
    if not samples:
        return {"p50": None, "p95": None, "max": None, "mean": None}
    p95 = (
        statistics.quantiles(samples, n=100, method="inclusive")[94]
        if len(samples) > 1
        else samples[0]
    )
    return {
        "p50": statistics.median(samples),
        "p95": p95,
        "max": max(samples),
        "mean": statistics.fmean(samples),
    }


async def run_size(n: int, pool: list[tuple[str, str]], edits: int, tmp: Path) -> dict[str, Any]:
    """Open an N-cell notebook in a fresh server and time ``edits`` edits of each kind."""
    root = tmp / f"root_{n}"
    root.mkdir()
    nb_path = tmp / "nb" / f"bench_{n}.ipynb"
    nb_uri = nb_path.as_uri()
    cells = [
        Cell(f"vscode-notebook-cell:{nb_path.as_posix()}#W{i}sZmlsZQ%3D%3D", kind, text)
        for i, (kind, text) in enumerate(notebook_cells(n, pool))
    ]
    code_uris = [c.uri for c in cells if c.kind == "code"]
    bench = make_client()
    client = bench.client
    await client.start_io(sys.executable, "-m", "derivlint", "server", cwd=str(root))
    stderr_task = asyncio.create_task(drain_stderr(bench))
    result: dict[str, Any] = {"cells": n, "code_cells": len(code_uris)}
    try:
        await asyncio.wait_for(
            client.initialize_async(
                types.InitializeParams(
                    capabilities=capabilities(),
                    process_id=os.getpid(),
                    client_info=types.ClientInfo(name="derivlint-bench"),
                    root_uri=root.as_uri(),
                    workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
                )
            ),
            OPEN_TIMEOUT,
        )
        client.initialized(types.InitializedParams())

        nb_version = 1
        start = time.perf_counter()
        client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=nb_uri,
                    notebook_type="jupyter-notebook",
                    version=nb_version,
                    cells=[
                        types.NotebookCell(
                            kind=types.NotebookCellKind.Code
                            if c.kind == "code"
                            else types.NotebookCellKind.Markup,
                            document=c.uri,
                        )
                        for c in cells
                    ],
                ),
                cell_text_documents=[
                    types.TextDocumentItem(
                        uri=c.uri,
                        language_id="python" if c.kind == "code" else "markdown",
                        version=c.version,
                        text=c.text,
                    )
                    for c in cells
                ],
            )
        )
        opened = await asyncio.gather(*(bench.wait_for(uri, 1, OPEN_TIMEOUT) for uri in code_uris))
        missing = sum(t is None for t in opened)
        result["open_ms"] = None if missing else (max(opened) - start) * 1000  # type: ignore[type-var]
        result["open_missing"] = missing
        result["open_diagnostics"] = sum(bench.diagnostics.get(uri, 0) for uri in code_uris)

        targets = edit_targets(cells, edits)
        for kind in KINDS:
            samples: list[float] = []
            failures = 0
            for k, index in enumerate(targets):
                cell = cells[index]
                if kind == "comment":
                    at, text = cell.end(), f"  # edit {k}"
                else:
                    at = cell.end()
                    text = (
                        "" if cell.text.endswith("\n") or not cell.text else "\n"
                    ) + f"_bench_{k} = 1"
                cell.text += text  # the insertion point is the cell's end either way
                cell.version += 1
                nb_version += 1
                params = change(nb_uri, nb_version, cell, at, text)
                sent = time.perf_counter()
                client.notebook_document_did_change(params)
                arrived = await bench.wait_for(cell.uri, cell.version, EDIT_TIMEOUT)
                if arrived is None:
                    failures += 1
                else:
                    samples.append((arrived - sent) * 1000)
            result[kind] = {
                "edits": len(targets),
                "failures": failures,
                "samples_ms": samples,
                **summary(samples),
            }

        await asyncio.wait_for(client.shutdown_async(None), EDIT_TIMEOUT)
        client.exit(None)
        await asyncio.wait_for(client.stop(), EDIT_TIMEOUT)
    except BaseException:
        server = client._server
        if server is not None and server.returncode is None:
            server.kill()
        with contextlib.suppress(BaseException):
            await asyncio.wait_for(client.stop(), 5)
        if bench.stderr_tail:
            print("\n".join(["server stderr (tail):", *bench.stderr_tail]), file=sys.stderr)
        raise
    finally:
        stderr_task.cancel()
        with contextlib.suppress(BaseException):
            await stderr_task
    result["server_problems"] = bench.problems
    return result


# -- report ----------------------------------------------------------------------------
def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def table(results: list[dict[str, Any]]) -> str:
    rows = [
        (
            f"| cells | edit | ok/edits | p50 ms | p95 ms | max ms | mean ms "
            f"| p95 / target {TARGET_P95_MS:.0f} ms | full check ms (in-process) | p50 / full check |"
        ),
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for res in results:
        base = res["baseline_ms"]
        for kind in KINDS:
            row = res[kind]
            ok = row["edits"] - row["failures"]
            ratio = "-" if row["p95"] is None else f"{row['p95'] / TARGET_P95_MS:.2f}x"
            vs_base = "-" if row["p50"] is None else f"{row['p50'] / base:.2f}x"
            rows.append(
                f"| {res['cells']} | {kind} | {ok}/{row['edits']} | {_ms(row['p50'])} | {_ms(row['p95'])} "
                f"| {_ms(row['max'])} | {_ms(row['mean'])} | {ratio} | {_ms(base)} | {vs_base} |"
            )
    notes = [
        f"cells {r['cells']} ({r['code_cells']} code): didOpen -> first publish of every code cell "
        f"{_ms(r['open_ms'])} ms"
        + (f" ({r['open_missing']} code cells never published)" if r["open_missing"] else "")
        + f", {r['open_diagnostics']} diagnostics"
        + f"; whole notebook re-checked from the edited cell (in-process) p50 {_ms(r['resume_ms']['p50'])}"
        f" / p95 {_ms(r['resume_ms']['p95'])} ms"
        for r in results
    ]
    return "\n".join(rows) + "\n\n" + "\n".join(notes)


async def run(sizes: list[int], edits: int, repeat: int) -> list[dict[str, Any]]:
    pool = example_cells()
    results = []
    with tempfile.TemporaryDirectory(prefix="derivlint-bench-lsp-") as tmp:
        for n in sizes:
            base = baseline_ms(notebook_cells(n, pool), repeat)
            resume = resume_ms(notebook_cells(n, pool), edits)
            res = await run_size(n, pool, edits, Path(tmp))
            res["baseline_ms"] = base
            res["resume_ms"] = resume
            results.append(res)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="derivlint language server: cell edit -> diagnostics latency"
    )
    parser.add_argument(
        "--sizes", default="30,100,300", help="notebook sizes in cells, comma-separated"
    )
    parser.add_argument("--edits", type=int, default=40, help="timed edits per kind and size")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of the in-process baseline; the median counts"
    )
    parser.add_argument(
        "--json", action="store_true", help="results as JSON on stdout (the table on stderr)"
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes comma-separated integers, e.g. 30,100,300")
    if not sizes or min(sizes) < 1 or args.edits < 1:
        parser.error("--sizes and --edits must be positive")

    started = time.perf_counter()
    results = asyncio.run(run(sizes, args.edits, args.repeat))
    elapsed = time.perf_counter() - started

    out = sys.stderr if args.json else sys.stdout
    print(
        f"didChange of one cell -> publishDiagnostics of that cell at its new version; "
        f"{args.edits} sequential edits per kind; target p95 <= {TARGET_P95_MS:.0f} ms\n",
        file=out,
    )
    print(table(results), file=out)
    failures = sum(r[k]["failures"] for r in results for k in KINDS)
    problems = [p for r in results for p in r["server_problems"]]
    if failures:
        print(f"\n{failures} edits got no publish within {EDIT_TIMEOUT:.0f} s", file=out)
    if problems:
        print("\nserver errors/warnings:\n" + "\n".join(f"  {p}" for p in problems[:20]), file=out)
    print(f"\ntotal {elapsed:.1f} s", file=out)
    if args.json:
        document = {
            "target_p95_ms": TARGET_P95_MS,
            "edits": args.edits,
            "edit_timeout_s": EDIT_TIMEOUT,
            "seconds": elapsed,
            "results": results,
        }
        json.dump(document, sys.stdout, indent=2)
        print()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
