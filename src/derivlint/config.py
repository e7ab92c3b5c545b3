"""User configuration: ``[tool.derivlint]`` in ``pyproject.toml``, CLI flags, editor settings.

Rule selectors (in ``select``, ``ignore``, ``extend-select``, ``per-file-ignores``
and ``severity`` keys) are a code (``S101``), a code prefix (``S1``, ``S``), a
rule name (``shape-mismatch``) or ``ALL``. As in ruff, when several selectors
match a rule the most specific one decides (a name or full code beats a prefix,
a longer prefix beats a shorter one) and a tie goes to ``ignore``. Overrides
(CLI flags, editor settings) are a later layer, as in ruff: a layer with
``select`` starts the selection afresh, one with only ``ignore`` /
``extend-select`` edits the selection so far.

Path patterns (``exclude``, ``per-file-ignores`` keys) are gitignore-like globs
relative to the folder of the ``pyproject.toml`` they come from: a pattern
without a ``/`` matches a file or folder name at any depth (``*.ipynb``,
``build/``), one with a ``/`` is anchored (``tests/**``, ``src/gen/*.py``), and
excluding a folder excludes everything under it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from derivlint.findings import SEVERITIES, Finding

SEVERITY_CHOICES = (*SEVERITIES, "off")
_RANK = {"info": 0, "warning": 1, "error": 2}
#: a selector naming a rule exactly outranks any prefix
_EXACT = 100


@dataclass(frozen=True)
class Selection:
    """One layer of rule selection: the file's settings, or a set of overrides."""

    select: tuple[str, ...] | None = None  # None: keep the selection so far
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def decide(self, code: str, name: str, enabled: bool) -> bool:
        """Whether the rule is on after this layer, given whether it was on before."""
        on = _best((self.select or ()) + self.extend_select, code, name)
        off = _best(self.ignore, code, name)
        if off is not None and (on is None or off >= on):
            return False
        if on is not None:
            return True
        return enabled and self.select is None


class ConfigError(Exception):
    """A configuration value that cannot be used; the CLI prints it and exits 2."""


@dataclass
class Config:
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    #: later selection layers (CLI flags, editor settings), applied in order
    overrides: tuple[Selection, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_level: str = "info"  # like ruff: any finding fails the run
    inlay_hints: bool = True
    force_exclude: bool = False
    #: folder that relative patterns are resolved against (None: the working directory)
    root: Path | None = None

    def is_enabled(self, code: str, name: str, path: str | Path | None = None) -> bool:
        """Whether rule ``code``/``name`` runs on ``path`` under this configuration."""
        if _most_specific(self.severity, code, name) == "off":
            return False
        enabled = True  # the default selection is every rule
        for layer in self.selections():
            enabled = layer.decide(code, name, enabled)
        if not enabled:
            return False
        if path and self.per_file_ignores:
            for pattern, selectors in self.per_file_ignores.items():
                if _best(selectors, code, name) is not None and self._matches(pattern, path):
                    return False
        return True

    def with_severity(self, finding: Finding) -> Finding:
        """``finding`` with its severity replaced by the configured override, if any."""
        level = _most_specific(self.severity, finding.code, finding.name)
        if level is None or level == "off" or level == finding.severity:
            return finding
        return dataclasses.replace(finding, severity=level)

    def is_excluded(self, path: str | Path) -> bool:
        """Whether ``path`` (a file or folder) matches an ``exclude`` pattern."""
        return any(self._matches(pattern, path) for pattern in self.exclude)

    def fails(self, severity: str) -> bool:
        """Whether a finding of ``severity`` makes the run exit 1."""
        return _RANK.get(severity, 2) >= _RANK[self.fail_level]

    def merged(self, **overrides: Any) -> Config:
        """A copy with ``overrides`` (CLI flags, editor settings) laid over these settings.

        ``None`` values are ignored. ``select``, ``extend_select`` and ``ignore``
        form a new selection layer (see the module docstring); ``exclude`` adds
        to the file's list, ``severity`` and ``per_file_ignores`` update its
        tables, and every other key replaces the value.
        """
        changes = _validated({k: v for k, v in overrides.items() if v is not None}, "overrides")
        layer = {k: changes.pop(k) for k in ("select", "extend_select", "ignore") if k in changes}
        if layer:
            changes["overrides"] = (*self.overrides, Selection(**layer))
        if "exclude" in changes:
            changes["exclude"] = self.exclude + changes["exclude"]
        for key in ("severity", "per_file_ignores"):
            if key in changes:
                changes[key] = {**getattr(self, key), **changes[key]}
        return dataclasses.replace(self, **changes)

    def selections(self) -> tuple[Selection, ...]:
        """Every selection layer in order: the file's, then the overrides."""
        return (Selection(self.select, self.extend_select, self.ignore), *self.overrides)

    def check_selectors(self, source: str) -> None:
        """Raise ConfigError if a selector names no rule (``source`` says where it came from)."""
        from derivlint.rules.registry import all_rules

        rules = all_rules().values()
        keys = [("severity", tuple(self.severity))]
        for layer in self.selections():
            keys += [
                ("select", layer.select or ()),
                ("extend-select", layer.extend_select),
                ("ignore", layer.ignore),
            ]
        keys += [(f"per-file-ignores.{p!r}", s) for p, s in self.per_file_ignores.items()]
        for key, selectors in keys:
            for sel in selectors:
                if not any(_specificity(sel, r.code, r.name) is not None for r in rules):
                    raise ConfigError(
                        f"{source}: unknown rule selector {sel!r} in {key} "
                        "(expected a code like S101, a prefix like S1, a rule name, or ALL)"
                    )

    def _matches(self, pattern: str, path: str | Path) -> bool:
        root = self.root or Path.cwd()
        return path_matches(pattern, path, root)


def load_config(start: str | Path) -> tuple[Config, Path | None]:
    """The configuration for ``start``: the nearest ``pyproject.toml`` with ``[tool.derivlint]``.

    Walks up from ``start`` (a file or folder); a ``pyproject.toml`` without the
    section is skipped, as ruff does. Returns the defaults and ``None`` if none is found.
    """
    here = Path(start).absolute()
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        try:
            mtime = pyproject.stat().st_mtime_ns
        except OSError:
            continue
        table = _derivlint_section(pyproject, mtime)
        if table is not None:
            return config_from_table(table, pyproject), pyproject
    return Config(), None


@lru_cache(maxsize=64)
def _derivlint_section(pyproject: Path, mtime: int) -> Any:
    # Cached by modification time: a check walks up from every folder it visits.
    return _tool_section(_read_toml(pyproject))


def load_config_file(path: str | Path) -> Config:
    """Read an explicit config file: ``[tool.derivlint]`` if present, else its top-level table."""
    path = Path(path).absolute()
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    table = _tool_section(data)
    if table is None:
        if path.name == "pyproject.toml":
            raise ConfigError(f"{path}: no [tool.derivlint] section")
        table = data
    return config_from_table(table, path)


def config_from_table(table: Any, source: Path) -> Config:
    """Build a Config from a parsed ``[tool.derivlint]`` table; ConfigError on bad values."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [tool.derivlint] must be a table")
    values = _validated({key.replace("-", "_"): v for key, v in table.items()}, str(source))
    config = Config(root=source.parent, **values)
    config.check_selectors(str(source))
    return config


def path_matches(pattern: str, path: str | Path, root: Path) -> bool:
    """Gitignore-like match of ``pattern`` against ``path`` or any folder above it, below ``root``."""
    regex, dir_only = _compile(pattern)
    target = Path(path).absolute()
    try:
        parts = target.relative_to(root.absolute()).parts
    except ValueError:
        parts = target.parts[1:]  # outside the root: only unanchored patterns can match
    for depth in range(1, len(parts) + 1):
        # a folder-only pattern (``build/``) never matches the file itself
        if dir_only and depth == len(parts) and not target.is_dir():
            continue
        if regex.fullmatch("/".join(parts[:depth])):
            return True
    return False


@lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple[re.Pattern[str], bool]:
    dir_only = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = "/" in pattern.rstrip("/")
    out, i = [], 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        elif body[i] == "[" and "]" in body[i + 1 :]:
            end = body.index("]", i + 1)
            cls = body[i + 1 : end].replace("\\", "\\\\")
            out.append("[" + ("^" + cls[1:] if cls.startswith("!") else cls) + "]")
            i = end + 1
        else:
            out.append(re.escape(body[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out)), dir_only


def _specificity(selector: str, code: str, name: str) -> int | None:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 0
    if sel.lower() == name.lower() or sel.upper() == code.upper():
        return _EXACT
    if sel and code.upper().startswith(sel.upper()):
        return len(sel)
    return None


def _best(selectors: tuple[str, ...], code: str, name: str) -> int | None:
    scores = [s for sel in selectors if (s := _specificity(sel, code, name)) is not None]
    return max(scores, default=None)


def _most_specific(table: dict[str, str], code: str, name: str) -> str | None:
    best, value = -1, None
    for sel, level in table.items():
        score = _specificity(sel, code, name)
        if score is not None and score > best:
            best, value = score, level
    return value


_LIST_KEYS = ("select", "ignore", "extend_select", "exclude")


def _validated(values: dict[str, Any], source: str) -> dict[str, Any]:
    """Type-check raw settings and normalise lists to tuples."""
    known = {f.name for f in dataclasses.fields(Config)} - {"root", "overrides"}
    out: dict[str, Any] = {}
    for key, value in values.items():
        shown = key.replace("_", "-")
        if key not in known:
            names = ", ".join(sorted(k.replace("_", "-") for k in known))
            raise ConfigError(f"{source}: unknown setting {shown!r} (known: {names})")
        if key in _LIST_KEYS:
            out[key] = _strings(value, f"{source}: {shown}")
        elif key == "severity":
            table = _table(value, f"{source}: severity")
            for sel, level in table.items():
                if level not in SEVERITY_CHOICES:
                    raise ConfigError(
                        f"{source}: severity for {sel!r} must be one of "
                        f"{', '.join(SEVERITY_CHOICES)}, not {level!r}"
                    )
            out[key] = dict(table)
        elif key == "per_file_ignores":
            table = _table(value, f"{source}: per-file-ignores")
            out[key] = {
                pat: _strings(sels, f"{source}: per-file-ignores {pat!r}")
                for pat, sels in table.items()
            }
        elif key == "fail_level":
            if value not in SEVERITIES:
                raise ConfigError(
                    f"{source}: fail-level must be one of {', '.join(SEVERITIES)}, not {value!r}"
                )
            out[key] = value
        else:  # inlay_hints, force_exclude
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: {shown} must be true or false, not {value!r}")
            out[key] = value
    return out


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):  # CLI and editors may pass "S101,S102"
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, not {value!r}")
    return tuple(value)


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table, not {value!r}")
    return value


def _tool_section(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("derivlint") if isinstance(tool, dict) else None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
