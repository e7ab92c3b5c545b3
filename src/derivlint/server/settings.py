"""Editor settings (``workspace/configuration`` section ``derivlint``, or initializationOptions).

Settings lay over ``[tool.derivlint]``: where both set something, the editor
wins (as ruff's server does with ``configurationPreference: editorFirst``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from derivlint.config import SEVERITY_CHOICES

SCOPES = ("openFiles", "workspace")


@dataclass(frozen=True)
class Settings:
    diagnostics_scope: str = "workspace"
    inlay_hints: bool | None = None  # None: as the file's config says (on by default)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: dict[str, str] = field(default_factory=dict)
    #: what was wrong with the settings the client sent, for window/logMessage
    problems: tuple[str, ...] = ()

    def overrides(self) -> dict[str, Any]:
        """Keyword arguments for ``Config.merged``."""
        return {
            "select": self.select,
            "extend_select": self.extend_select,
            "ignore": self.ignore,
            "severity": self.severity or None,
            "inlay_hints": self.inlay_hints,
        }


def parse_settings(raw: Any) -> Settings:
    """Read a client's settings object; a bad value is reported and left at its default."""
    if isinstance(raw, dict) and isinstance(raw.get("derivlint"), dict):
        raw = raw["derivlint"]  # some clients send the whole settings tree
    elif isinstance(raw, dict) and any(str(k).startswith("derivlint.") for k in raw):
        # flat dotted keys, as in a JSON schema of settings (jupyter-lsp's config_schema)
        raw = {str(k).removeprefix("derivlint."): v for k, v in raw.items() if str(k).startswith("derivlint.")}
    if not isinstance(raw, dict):
        return Settings()
    problems: list[str] = []
    values: dict[str, Any] = {}
    scope = raw.get("diagnosticsScope")
    if scope is not None:
        if scope in SCOPES:
            values["diagnostics_scope"] = scope
        else:
            problems.append(f"derivlint.diagnosticsScope must be one of {', '.join(SCOPES)}, not {scope!r}")
    hints = raw.get("inlayHints")
    if isinstance(hints, dict):  # {"enabled": false} is a common shape too
        hints = hints.get("enabled")
    if hints is not None:
        if isinstance(hints, bool):
            values["inlay_hints"] = hints
        else:
            problems.append(f"derivlint.inlayHints must be true or false, not {hints!r}")
    for key, name in (("select", "select"), ("extendSelect", "extend_select"), ("ignore", "ignore")):
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            values[name] = tuple(v.strip() for v in value if v.strip())
        else:
            problems.append(f"derivlint.{key} must be a list of rule codes or names")
    severity = raw.get("severity")
    if severity is not None:
        if isinstance(severity, dict) and all(v in SEVERITY_CHOICES for v in severity.values()):
            values["severity"] = {str(k): str(v) for k, v in severity.items()}
        else:
            problems.append(f"derivlint.severity values must be one of {', '.join(SEVERITY_CHOICES)}")
    return Settings(**values, problems=tuple(problems))
