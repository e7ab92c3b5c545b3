"""Checking units and publishing their diagnostics: coalesced, in order, never stale.

Each unit (a document or a notebook) has at most one check running. An edit
that arrives while its check runs marks the unit dirty; when the check ends,
its result is dropped and the unit is checked again with the newest text, so a
burst of edits costs one check after the one in flight, with no fixed delay.
Publishing is per document URI (one per notebook cell); a document whose
findings went away gets an empty publish, and no document ever gets a result
for a version older than one it was already sent.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from derivlint.analysis import FileReport, check_program
from derivlint.config import Config
from derivlint.discovery import Configs
from derivlint.server.configs import EditorConfigs
from derivlint.server.convert import diagnostics
from derivlint.server.documents import DocView, Snapshot
from derivlint.server.fix_all import fixed_texts
from derivlint.server.positions import Mapper
from derivlint.server.settings import Settings
from derivlint.shapes.session import Cancelled, Session

log = logging.getLogger(__name__)

#: how long (s) the checking thread waits for the loop to publish the edited cell
EARLY_PUBLISH_WAIT = 0.05


@dataclass
class Checked:
    snapshot: Snapshot
    report: FileReport
    mapper: Mapper


@dataclass
class _Done:
    report: FileReport
    mapper: Mapper
    by_uri: dict[str, list[types.Diagnostic]]


def _check(snapshot: Snapshot, config: Config, session: Session | None, early, cancelled, codec) -> _Done:
    """On the checking thread: build the program (parse), check it, and make its diagnostics
    (on a long notebook, converting every cell's findings would hold up the loop)."""
    report = check_program(snapshot.program, config, session, early, cancelled)
    if cancelled():
        raise Cancelled  # the result would be dropped: the newer text need not wait for it
    mapper = Mapper(snapshot, codec)
    return _Done(report, mapper, diagnostics(report.findings, mapper))


class Checker(EditorConfigs):
    def __init__(
        self,
        publish: Callable[[types.PublishDiagnosticsParams], None],
        log_message: Callable[[str, types.MessageType], None],
    ) -> None:
        self._publish = publish
        self._log = log_message
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="derivlint-check")
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._dirty: set[str] = set()
        self._sources: dict[str, Callable[[], Snapshot | None]] = {}
        self.results: dict[str, Checked] = {}
        #: uri -> (version, diagnostics) last sent
        self._sent: dict[str, tuple[int | None, list[types.Diagnostic]]] = {}
        #: notebook key -> its incremental analysis (resumes at the first edited cell)
        self._sessions: dict[str, Session] = {}
        #: unit key -> the document URIs it last published to
        self._published_uris: dict[str, set[str]] = {}
        #: notebook key -> the first cell the edits since its running check's snapshot touched
        #: (None: unknown); the run goes on up to that cell, whose state it keeps
        self._touched: dict[str, int | None] = {}
        #: units checked from disk (the workspace scan): they wait while an open one needs checking
        self._background: set[str] = set()
        #: open units whose check is running now, and those waiting for one (both are read by
        #: the checking thread: only their sizes, which is safe while the loop changes them)
        self._foreground_running: set[str] = set()
        self._foreground_waiting: set[str] = set()
        #: one workspace file at a time goes to the checking thread, and only when nothing open waits
        self._background_turn = asyncio.Lock()
        #: workspace files waiting for their turn (not yet checking)
        self._waiting: set[str] = set()
        self.settings = Settings()
        self.folder_settings: dict[Path, Settings] = {}
        self.configs = Configs(None, {})
        self._folder_configs: dict[Path, Configs] = {}
        self.codec_source: Callable[[], object] | None = None

    # -- scheduling -----------------------------------------------------
    def request(
        self, key: str, source: Callable[[], Snapshot | None], touched: int | None = None, background: bool = False
    ) -> None:
        """Check unit ``key`` soon; ``source`` gives its newest snapshot (None: gone).

        ``touched``: the first notebook cell (1-based) the change can have changed, when
        the caller knows; the check in flight then runs on to that cell before it stops.
        ``background``: a file that is not open (the workspace scan); it is checked only
        while no open document waits, so typing is never queued behind a big workspace.
        """
        self._sources[key] = source
        if background:
            self._background.add(key)
            self._foreground_waiting.discard(key)
        else:
            self._background.discard(key)
            self._foreground_waiting.add(key)
        if key in self._touched:
            before = self._touched[key]
            self._touched[key] = None if before is None or touched is None else min(before, touched)
        self._dirty.add(key)
        task = self._tasks.get(key)
        if task is not None and not background and key in self._waiting:
            task.cancel()  # opened while in the scan's queue: checked now, not in its turn
            task = None
        if task is None or task.done():
            self._tasks[key] = asyncio.get_running_loop().create_task(self._run(key))

    async def fresh(self, key: str) -> Checked | None:
        """The unit's result for its newest text (waits for the check in flight)."""
        while (task := self._tasks.get(key)) is not None and not task.done():
            await asyncio.wait([task])  # a failed check was logged; answer from what we have
        return self.results.get(key)

    def foreground_busy(self) -> bool:
        """Whether an open document waits for a check or is being checked."""
        return bool(self._foreground_running) or bool(self._foreground_waiting)

    async def fixed_texts(self, checked: Checked) -> dict[int | None, str]:
        """The unit's documents after "fix all", worked out on the checking thread."""
        snapshot = checked.snapshot
        if not any(f.fix is not None and f.fix.safe for f in checked.report.findings):
            return {}
        texts = {doc: view.text for doc, view in snapshot.docs.items()}
        config = self.config_for(snapshot.path)
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, fixed_texts, snapshot.program, checked.report.findings, texts, snapshot.rebuild, config)

    async def _run(self, key: str) -> None:
        while key in self._dirty:
            if key not in self._background:
                self._foreground_running.add(key)
                try:
                    await self._once(key)
                finally:
                    self._foreground_running.discard(key)
                continue
            self._waiting.add(key)
            try:
                async with self._background_turn:
                    while self.foreground_busy():
                        await asyncio.sleep(0.01)
                    self._waiting.discard(key)
                    if key in self._dirty and key in self._background:
                        await self._once(key)
            finally:
                self._waiting.discard(key)

    async def _once(self, key: str) -> None:
        """One check of unit ``key``'s newest snapshot; published unless it was superseded."""
        loop = asyncio.get_running_loop()
        self._dirty.discard(key)
        self._foreground_waiting.discard(key)
        source = self._sources.get(key)
        snapshot = source() if source is not None else None
        if snapshot is None:
            self.forget(key)
            return
        config = self.config_for(snapshot.path)
        notebook = snapshot.docs and None not in snapshot.docs
        session = self._sessions.setdefault(key, Session()) if notebook else None
        self._touched[key] = len(snapshot.docs) + 2  # nothing yet: no edit since this snapshot
        codec = self.codec_source() if self.codec_source is not None else None
        background = key in self._background

        def early(index: int, partial: FileReport, snapshot: Snapshot = snapshot, codec=codec) -> None:
            """On the checking thread: the edited cell's diagnostics, handed to the loop to publish."""
            view = snapshot.doc(index)
            if view is None:
                return
            diags = diagnostics(partial.findings, Mapper(snapshot, codec), [view.uri])[view.uri]
            sent = threading.Event()
            loop.call_soon_threadsafe(self._early, key, source, view, diags, sent)
            # The cells after this one wait while the loop publishes: run side by side, the
            # two threads would take turns at the GIL for every step of the publish.
            sent.wait(EARLY_PUBLISH_WAIT)

        def cancelled(session: Session | None = session) -> bool:
            """A newer text waits, and it changed the cell the run is at, or one before it.

            The cells before the first one it changed are the same in both texts: their
            run is not wasted, and the next check resumes where this one stops. A file
            from the workspace scan also stops when an open document waits.
            """
            if background and self.foreground_busy():
                return True
            if key not in self._dirty:
                return False
            touched = self._touched.get(key)
            return session is None or touched is None or session.running >= touched

        try:
            done = await loop.run_in_executor(
                self._pool, _check, snapshot, config, session, early if session else None, cancelled, codec,
            )
        except Cancelled:
            if background and self._sources.get(key) is source:
                self._dirty.add(key)  # set aside for an open document: checked again later
            return  # or an edit arrived while the cells after the edited one ran
        except Exception as exc:
            log.exception("checking %s failed", key)
            self._log(f"derivlint: checking {snapshot.path} failed: {type(exc).__name__}: {exc}",
                      types.MessageType.Error)
            return
        if key in self._dirty:
            return  # newer text arrived while this ran: its check supersedes this result
        if self._sources.get(key) is not source:
            return  # closed (or deleted) while this ran: its diagnostics were cleared
        for code, error in done.report.rule_errors:
            self._log(f"derivlint: rule {code} failed on {snapshot.path} and was skipped: {error}",
                      types.MessageType.Error)
        self._finish(key, snapshot, done)

    def _early(self, key: str, source: object, view: DocView, diags: list[types.Diagnostic],
               sent: threading.Event) -> None:
        """The edited cell's diagnostics, published before the cells after it are re-checked."""
        try:
            if key not in self._dirty and self._sources.get(key) is source:
                self._send(view.uri, view.version, diags)
        finally:
            sent.set()

    def _finish(self, key: str, snapshot: Snapshot, done: _Done) -> None:
        self.results[key] = Checked(snapshot, done.report, done.mapper)
        by_uri = done.by_uri
        versions = {view.uri: view.version for view in snapshot.docs.values()}
        before = self._published_uris.get(key, set())
        for uri in before - set(by_uri):  # a cell that was deleted or became markdown
            self._send(uri, None, [])
        for uri, diags in by_uri.items():
            self._send(uri, versions.get(uri), diags)
        self._published_uris[key] = set(by_uri)

    def _send(self, uri: str, version: int | None, diags: list[types.Diagnostic]) -> None:
        last = self._sent.get(uri)
        if last is not None:
            last_version, last_diags = last
            if version is not None and last_version is not None and version < last_version:
                return  # never go back to an older version's results
            if version == last_version and diags == last_diags:
                return  # nothing new for this document
        if last is None and not diags and version is None:
            return  # never published, nothing to clear
        self._sent[uri] = (version, diags)
        self._publish(types.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version))

    def forget(self, key: str, clear: bool = True) -> None:
        """Drop a unit (closed and out of scope, or deleted); clear what it published."""
        self._dirty.discard(key)
        self._background.discard(key)
        self._foreground_waiting.discard(key)
        self._touched.pop(key, None)
        self._sessions.pop(key, None)
        self.results.pop(key, None)
        self._sources.pop(key, None)
        for uri in self._published_uris.pop(key, set()):
            if clear:
                self._send(uri, None, [])
            self._sent.pop(uri, None)

    def units(self) -> list[str]:
        """The keys of every unit the checker knows (open or checked from disk)."""
        return list(self._sources)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
