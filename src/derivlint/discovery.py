"""Which files to check, and the configuration of each: shared by the CLI and the server."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from derivlint.config import Config, load_config, load_config_file

#: folders never searched (hidden folders are skipped too)
SKIP_DIRS = frozenset({".venv", "venv", "node_modules", "__pycache__", ".ipynb_checkpoints"})
SUFFIXES = (".py", ".ipynb")


class Configs:
    """The configuration of each folder: the nearest ``[tool.derivlint]``, then CLI flags."""

    def __init__(self, explicit: str | None, overrides: dict[str, object]) -> None:
        self._overrides = overrides
        self._fixed = load_config_file(explicit).merged(**overrides) if explicit else None
        self._by_folder: dict[Path, Config] = {}

    def for_folder(self, folder: Path) -> Config:
        if self._fixed is not None:
            return self._fixed
        folder = folder.absolute()
        config = self._by_folder.get(folder)
        if config is None:
            config = load_config(folder)[0].merged(**self._overrides)
            self._by_folder[folder] = config
        return config


def discover(paths: Sequence[str], configs: Configs) -> Iterator[tuple[str, Config]]:
    """The files to check, each with its configuration, in order and without repeats.

    Folders are searched for ``*.py`` and ``*.ipynb``, skipping hidden folders,
    SKIP_DIRS and ``exclude``. A path named on the command line is checked even if
    excluded, unless ``force-exclude`` is set (as in ruff).
    """
    seen: set[Path] = set()
    for arg in paths:
        top = Path(arg)
        config = configs.for_folder(top if top.is_dir() else top.parent)
        if config.force_exclude and config.is_excluded(top):
            continue
        found = _walk(top, configs) if top.is_dir() else iter([(str(top), config)])
        for path, file_config in found:
            key = Path(path).resolve()
            if key not in seen:
                seen.add(key)
                yield path, file_config


def _walk(top: Path, configs: Configs) -> Iterator[tuple[str, Config]]:
    for folder, dirs, files in os.walk(top):
        config = configs.for_folder(Path(folder))
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIP_DIRS
            and not config.is_excluded(Path(folder, d))
        )
        for name in sorted(files):
            path = Path(folder, name)
            if name.endswith(SUFFIXES) and not config.is_excluded(path):
                yield str(path), config
