"""The editor's settings over ``[tool.derivlint]``: one set for the server, and a folder's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types

from derivlint.config import Config, ConfigError
from derivlint.discovery import Configs
from derivlint.server.settings import Settings


class EditorConfigs:
    """What ``Checker`` knows of configuration (a mixin: the checker keeps the state)."""

    settings: Settings
    folder_settings: dict[Path, Settings]
    configs: Configs
    _folder_configs: dict[Path, Configs]
    _log: Callable[[str, types.MessageType], None]

    def configure(self, settings: Settings, folders: dict[Path, Settings] | None = None) -> None:
        """The editor's settings; ``folders``: those of workspace folders that set their own."""
        self.settings = settings
        self.folder_settings = {f: s for f, s in (folders or {}).items() if s != settings}
        logged: set[str] = set()
        self.configs = self._configs(settings, logged)
        self._folder_configs = {f: self._configs(s, logged) for f, s in self.folder_settings.items()}

    def _configs(self, settings: Settings, logged: set[str]) -> Configs:
        for problem in settings.problems:
            if problem not in logged:
                logged.add(problem)
                self._log(f"derivlint: {problem}", types.MessageType.Warning)
        overrides = settings.overrides()
        try:
            Config().merged(**overrides).check_selectors("editor settings")
        except ConfigError as exc:
            if str(exc) not in logged:
                logged.add(str(exc))
                self._log(f"derivlint: {exc}; the editor's rule selection is ignored", types.MessageType.Warning)
            for key in ("select", "extend_select", "ignore", "severity"):
                overrides[key] = None
        return Configs(None, overrides)

    def config_for(self, path: str) -> Config:
        file = Path(path)
        inside = [f for f in self._folder_configs if file.is_relative_to(f)]
        configs = self._folder_configs[max(inside, key=lambda f: len(f.parts))] if inside else self.configs
        try:
            return configs.for_folder(file.parent)
        except ConfigError as exc:
            self._log(f"derivlint: {exc}", types.MessageType.Error)
            return Config()
