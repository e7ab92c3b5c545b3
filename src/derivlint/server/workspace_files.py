"""Files that are not open: the workspace scan, watched files, settings, closing documents."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from derivlint.discovery import Configs, discover
from derivlint.server.documents import is_open, path_of, snapshot_file, snapshot_open, uri_of
from derivlint.server.settings import Settings, parse_settings

if TYPE_CHECKING:
    from derivlint.server.app import DerivlintServer

log = logging.getLogger(__name__)

WATCHED = ("**/*.py", "**/*.ipynb", "**/pyproject.toml")
#: a workspace with more files than this is checked only for what is open
MAX_WORKSPACE_FILES = 5000


async def pull_settings(ls: DerivlintServer, pushed: Any = None) -> None:
    """Settings from ``workspace/configuration`` if the client has it, else what it pushed.

    Each workspace folder is asked for too (a VS Code folder can set its own rules);
    ``diagnosticsScope`` is the server's, from the unscoped answer.
    """
    raw = pushed if pushed not in (None, {}) else ls.initialization_options
    folders: dict[Path, Settings] = {}
    workspace = ls.client_capabilities.workspace
    if workspace is not None and workspace.configuration:
        uris = [f.uri for f in ls.workspace.folders.values()]
        items = [types.ConfigurationItem(section="derivlint")]
        items += [types.ConfigurationItem(scope_uri=uri, section="derivlint") for uri in uris]
        try:
            answer = await ls.workspace_configuration_async(types.ConfigurationParams(items=items))
            if answer and isinstance(answer[0], dict):
                raw = answer[0]
            for uri, value in zip(uris, (answer or [])[1:]):
                if isinstance(value, dict):
                    folders[Path(path_of(uri))] = parse_settings(value)
        except Exception as exc:  # noqa: BLE001  a client that fails this still gets checks
            ls.log(f"derivlint: workspace/configuration failed: {exc}", types.MessageType.Warning)
    ls.checker.configure(parse_settings(raw), folders)


async def register_watchers(ls: DerivlintServer) -> None:
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if not (watched and watched.dynamic_registration):
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
    )
    registration = types.Registration(
        id="derivlint-watched-files",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
    except Exception as exc:  # noqa: BLE001
        ls.log(f"derivlint: could not register file watchers: {exc}", types.MessageType.Warning)


def roots(ls: DerivlintServer) -> list[Path]:
    folders = [path_of(f.uri) for f in ls.workspace.folders.values()]
    if not folders and ls.workspace.root_path:
        folders = [ls.workspace.root_path]
    return [Path(f) for f in folders if f and Path(f).is_dir()]


def scan(ls: DerivlintServer, folders: list[Path] | None = None) -> None:
    """Check every ``.py`` / ``.ipynb`` file of the workspace (or of ``folders``) that is not open.

    The tree is walked on a thread and the files are checked in the background, after
    whatever is open: a big workspace never holds up typing.
    """
    if ls.checker.settings.diagnostics_scope != "workspace":
        return
    folders = roots(ls) if folders is None else [f for f in folders if f.is_dir()]
    if folders:
        task = asyncio.get_running_loop().create_task(_scan(ls, folders))
        _scans.add(task)
        task.add_done_callback(_scans.discard)


#: scans in progress (a task nobody refers to may be collected before it ends)
_scans: set[asyncio.Task[None]] = set()


async def _scan(ls: DerivlintServer, folders: list[Path]) -> None:
    configs = Configs(None, ls.checker.settings.overrides())

    def walk() -> list[str] | None:
        files = []
        for path, _config in discover([str(f) for f in folders], configs):
            files.append(path)
            if len(files) > MAX_WORKSPACE_FILES:
                return None
        return files

    try:
        files = await asyncio.get_running_loop().run_in_executor(None, walk)
    except Exception as exc:  # noqa: BLE001  an unreadable folder: the open files still get checks
        ls.log(f"derivlint: could not list the workspace files: {exc}", types.MessageType.Warning)
        return
    if files is None:
        ls.log(f"derivlint: more than {MAX_WORKSPACE_FILES} files in the workspace; "
               "only open files are checked", types.MessageType.Warning)
        return
    if ls.checker.settings.diagnostics_scope != "workspace":
        return  # switched to openFiles while the tree was walked
    for path in files:
        check_file(ls, uri_of(str(Path(path).absolute())))


def folders_changed(ls: DerivlintServer, event: types.WorkspaceFoldersChangeEvent) -> None:
    """Files of a removed folder are cleared (unless open); an added folder is scanned."""
    kept = roots(ls)
    for folder in event.removed or []:
        gone = Path(path_of(folder.uri))
        for key in ls.checker.units():
            if not key.startswith("file:") or is_open(ls.workspace, key):
                continue
            path = Path(path_of(key))
            if path.is_relative_to(gone) and not any(path.is_relative_to(k) for k in kept):
                ls.checker.forget(key)
    added = [Path(path_of(f.uri)) for f in event.added or []]
    scan(ls, added)


def check_file(ls: DerivlintServer, uri: str) -> None:
    """Check a file from disk; an open one is left to its own document's checks (the buffer wins)."""
    if is_open(ls.workspace, uri):
        return
    ls.checker.request(uri, lambda: None if is_open(ls.workspace, uri) else snapshot_file(uri), background=True)


def recheck_all(ls: DerivlintServer) -> None:
    """After a settings or pyproject change: every unit again; out-of-scope files cleared."""
    for key in ls.checker.units():
        if is_open(ls.workspace, key):
            ls.checker.request(key, lambda key=key: snapshot_open(ls.workspace, key))
        elif ls.checker.settings.diagnostics_scope == "workspace":
            check_file(ls, key)
        else:
            ls.checker.forget(key)
    scan(ls)


def files_changed(ls: DerivlintServer, changes: list[types.FileEvent]) -> None:
    config_changed = False
    for change in changes:
        path = path_of(change.uri)
        if path.endswith("pyproject.toml"):
            config_changed = True
            continue
        if not path.endswith((".py", ".ipynb")):
            continue
        key = _known_key(ls, change.uri)
        if change.type == types.FileChangeType.Deleted:
            if not is_open(ls.workspace, key):
                ls.checker.forget(key)
        elif ls.checker.settings.diagnostics_scope == "workspace" and not is_open(ls.workspace, key):
            check_file(ls, key)
    if config_changed:
        ls.checker.configure(ls.checker.settings, ls.checker.folder_settings)  # drops cached [tool.derivlint]
        recheck_all(ls)


def closed(ls: DerivlintServer, uri: str) -> None:
    """A closed document falls back to its file on disk, or is cleared in ``openFiles`` scope."""
    key = _known_key(ls, uri)
    ls.checker.forget(key)  # a notebook's cell URIs die with it: clear them too
    if ls.checker.settings.diagnostics_scope == "workspace" and uri.startswith("file:") and Path(path_of(uri)).is_file():
        check_file(ls, key)


def _known_key(ls: DerivlintServer, uri: str) -> str:
    """The key the checker uses for ``uri`` (clients differ in how they quote URIs)."""
    if uri in ls.checker.units():
        return uri
    target = path_of(uri)
    for key in ls.checker.units():
        if key.startswith("file:") and path_of(key) == target:
            return key
    return uri
