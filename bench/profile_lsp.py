"""Where an edit's latency goes, in-process: the server's path from a notebook ``didChange`` to
the edited cell's diagnostics, without the protocol, threads or other processes.

    python bench/profile_lsp.py                      # sizes 30,100,300; CPU ms per edit
    python bench/profile_lsp.py --sizes 300 --profile 30   # and cProfile's top 30 (cumulative)

The notebooks and edits are those of ``bench_lsp.py`` (the same cells, the same ``comment`` and
``code`` edits on code cells spread evenly over the notebook). Each edit is applied to a pygls
``Workspace`` as a ``notebookDocument/didChange`` would be, then the server's own functions run
on it: ``snapshot_open``, ``check_program`` with the notebook's ``Session``, and the edited
cell's conversion to LSP diagnostics. The clock stops there, as a publish would go out, and
the cells after the edited one are cut short, as the next edit does in ``bench_lsp.py``.
Times are CPU time (``time.process_time``): other work on the machine does not count, so runs
compare across a busy machine. ``cells run`` is how many cells ran before the publish (the
edited one, and those a cut-short run had not reached).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lsp import KINDS, Cell, change, edit_targets, example_cells, notebook_cells

from derivlint.analysis import check_program
from derivlint.config import Config
from derivlint.server.convert import diagnostics
from derivlint.server.documents import snapshot_open
from derivlint.server.positions import Mapper
from derivlint.shapes.session import Cancelled, Session


def open_notebook(n: int) -> tuple[Workspace, str, list[Cell]]:
    ws = Workspace(None)
    uri = f"file:///bench/bench_{n}.ipynb"
    cells = [Cell(f"vscode-notebook-cell:/bench/bench_{n}.ipynb#W{i}sZmlsZQ%3D%3D", kind, text)
             for i, (kind, text) in enumerate(notebook_cells(n, example_cells()))]
    code, markup = types.NotebookCellKind.Code, types.NotebookCellKind.Markup
    ws.put_notebook_document(types.DidOpenNotebookDocumentParams(
        notebook_document=types.NotebookDocument(
            uri=uri, notebook_type="jupyter-notebook", version=1,
            cells=[types.NotebookCell(kind=code if c.kind == "code" else markup, document=c.uri) for c in cells]),
        cell_text_documents=[
            types.TextDocumentItem(uri=c.uri, language_id="python" if c.kind == "code" else "markdown",
                                   version=1, text=c.text)
            for c in cells]))
    return ws, uri, cells


def edit_to_publish(ws: Workspace, uri: str, session: Session, config: Config) -> int:
    """The server's path to the edited cell's diagnostics; returns how many code cells ran."""
    snapshot = snapshot_open(ws, uri)
    assert snapshot is not None

    def early(index: int, report) -> None:
        view = snapshot.doc(index)
        assert view is not None
        diagnostics(report.findings, Mapper(snapshot, ws.position_codec), [view.uri])
        raise Cancelled  # the next edit cuts the rest short

    try:
        check_program(snapshot.program, config, session, early, lambda: False)
    except Cancelled:
        pass
    first, last = session.resumed_at or 1, session.running
    return sum(1 for c in snapshot.program.cells if c.kind == "code" and first <= c.index <= last)


def run(n: int, edits: int, profile: cProfile.Profile | None = None) -> dict[str, dict[str, float]]:
    ws, uri, cells = open_notebook(n)
    session, config = Session(), Config()
    check_program(snapshot_open(ws, uri).program, config, session)  # type: ignore[union-attr]
    version, out = 1, {}
    for kind in KINDS:
        samples, ran = [], []
        for k, index in enumerate(edit_targets(cells, edits)):
            cell = cells[index]
            at = cell.end()
            text = f"  # edit {k}" if kind == "comment" else (
                "" if cell.text.endswith("\n") or not cell.text else "\n") + f"_bench_{k} = 1"
            cell.text += text
            cell.version += 1
            version += 1
            params = change(uri, version, cell, at, text)
            if profile:
                profile.enable()
            start = time.process_time()
            ws.update_notebook_document(params)
            ran.append(edit_to_publish(ws, uri, session, config))
            samples.append((time.process_time() - start) * 1000)
            if profile:
                profile.disable()
        samples.sort()
        out[kind] = {"p50": statistics.median(samples), "p95": statistics.quantiles(samples, n=100, method="inclusive")[94],
                     "max": samples[-1], "ran": statistics.fmean(ran)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="30,100,300")
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--profile", type=int, metavar="N", help="print cProfile's top N functions")
    args = parser.parse_args(argv)
    gc.set_threshold(50_000, 50, 1000)  # as the server sets them (derivlint.server.main)
    profile = cProfile.Profile() if args.profile else None
    print("| cells | edit | p50 ms | p95 ms | max ms | cells run |\n|---:|---|---:|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        for kind, row in run(n, args.edits, profile).items():
            print(f"| {n} | {kind} | {row['p50']:.1f} | {row['p95']:.1f} | {row['max']:.1f} | {row['ran']:.1f} |")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
