"""``derivlint check | rule | server``: the command line.

Start-up matters (pre-commit runs this on every commit), so this module imports
only the standard library and derivlint's light modules at start; the analysis,
the output formats and the language server (pygls) load when a command needs them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from derivlint import __version__
from derivlint.config import Config, ConfigError
from derivlint.discovery import Configs, discover
from derivlint.output import FORMATS

if TYPE_CHECKING:
    from derivlint.apply_fixes import FixOutcome


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 findings, 2 error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "server":
            return _server(argv[argv.index("server") + 1 :])
        return args.handler(args)
    except ConfigError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for users, unless asked
        if os.environ.get("DERIVLINT_DEBUG") == "1":
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="derivlint",
        description="A shape-aware linter for numpy derivation notebooks and scripts.",
    )
    parser.add_argument("--version", action="version", version=f"derivlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check .py files and .ipynb notebooks")
    check.set_defaults(handler=_check)
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    check.add_argument(
        "--format",
        "--output-format",
        dest="format",
        choices=FORMATS,
        default="text",
        help="output format (default: text)",
    )
    for flag, what in (
        ("--select", "rules to enable, replacing the configured selection"),
        ("--extend-select", "rules to enable on top of the configured selection"),
        ("--ignore", "rules to disable"),
    ):
        check.add_argument(
            flag,
            action="append",
            metavar="RULES",
            help=f"{what}: codes, prefixes (S1, S) or names, comma-separated",
        )
    check.add_argument("--config", metavar="FILE", help="use this config file, not pyproject.toml")
    check.add_argument(
        "--fail-level",
        choices=("error", "warning", "info"),
        help="lowest severity that makes the exit code 1 (default: info, any finding)",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply `exclude` to paths named on the command line too",
    )
    check.add_argument(
        "--fix", action="store_true", help="apply safe fixes, then report what is left"
    )
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print a diff of what --fix would change, write nothing (exit 1 if anything would change)",
    )

    rule = commands.add_parser("rule", help="show a rule's documentation")
    rule.set_defaults(handler=_rule)
    rule.add_argument("rule", nargs="?", metavar="CODE|NAME", help="e.g. S101 or shape-mismatch")
    rule.add_argument("--all", action="store_true", help="list every rule")

    docs = commands.add_parser("docs", help="write the rule pages (docs/rules/) from the rule docstrings")
    docs.set_defaults(handler=_docs)
    docs.add_argument("folder", nargs="?", default="docs/rules", help="where the pages go (default: docs/rules)")
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 if a page is out of date")

    server = commands.add_parser("server", help="start the language server")
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    server.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP port")
    return parser


def _check(args: argparse.Namespace) -> int:
    overrides = {
        "select": _joined(args.select),
        "extend_select": _joined(args.extend_select),
        "ignore": _joined(args.ignore),
        "fail_level": args.fail_level,
        "force_exclude": args.force_exclude or None,
    }
    Config().merged(**overrides).check_selectors("command line")
    paths = args.paths or ["."]
    for path in paths:
        if not os.path.exists(path):
            return _fail(f"{path}: no such file or directory")
    configs = Configs(args.config, overrides)
    files = list(discover(paths, configs))
    if not files:
        print("derivlint: warning: no .py or .ipynb files to check", file=sys.stderr)

    from derivlint.analysis import check_file
    from derivlint.apply_fixes import WriteError
    from derivlint.output import render

    fixing = args.fix or args.diff
    if args.unsafe_fixes and not fixing:
        print(
            "derivlint: warning: --unsafe-fixes does nothing without --fix or --diff",
            file=sys.stderr,
        )
    fixed = changed = 0
    progress = sys.stderr.isatty() and len(files) > 1
    reports, failing, broken = [], False, False
    for i, (path, config) in enumerate(files, 1):
        if progress:
            sys.stderr.write(f"\r\033[K[{i}/{len(files)}] {path}")
            sys.stderr.flush()
        try:
            if fixing:
                outcome = _fix_one(path, config, args)
                report, fixed = outcome.report, fixed + outcome.fixed
                changed += outcome.text != outcome.original
            else:
                report = check_file(path, config)
        except WriteError as exc:
            _fail(str(exc))
            broken = True
            continue
        except Exception as exc:  # one file's crash must not hide the others' results
            if os.environ.get("DERIVLINT_DEBUG") == "1":
                raise
            _fail(f"internal error checking {path}: {type(exc).__name__}: {exc}")
            broken = True
            continue
        for code, error in report.rule_errors:
            _fail(f"rule {code} failed on {path}: {error}")
            broken = True
        failing = failing or any(config.fails(f.severity) for f in report.findings)
        reports.append(report)
    if progress:
        sys.stderr.write("\r\033[K")
    if args.diff:
        noun = "finding" if fixed == 1 else "findings"
        print(f"Would fix {fixed} {noun} in {changed} file{'s' * (changed != 1)}.", file=sys.stderr)
        return 2 if broken else int(changed > 0)
    if args.fix:
        remaining = sum(len(r.findings) for r in reports)
        noun = "finding" if fixed == 1 else "findings"
        print(f"Fixed {fixed} {noun} ({remaining} remaining).", file=sys.stderr)
    try:
        sys.stdout.write(render(args.format, reports))
        sys.stdout.flush()
    except BrokenPipeError:  # `derivlint check . | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if broken:
        return 2
    return 1 if failing and not args.exit_zero else 0


def _fix_one(path: str, config: Config, args: argparse.Namespace) -> FixOutcome:
    """Fix one file: write it (--fix) or print its diff (--diff); returns the FixOutcome."""
    from derivlint.apply_fixes import fix_file, write_atomic

    outcome = fix_file(path, config, unsafe=args.unsafe_fixes)
    for note in outcome.notes:
        print(f"derivlint: warning: {path}: {note}", file=sys.stderr)
    if outcome.text == outcome.original:
        return outcome
    if args.diff:
        import difflib

        from derivlint.ipython_mask import split_lines

        diff = difflib.unified_diff(
            split_lines(outcome.original),
            split_lines(outcome.text),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
        for line in diff:
            sys.stdout.write(
                line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
            )
    else:
        write_atomic(path, outcome.text, outcome.encoding)
    return outcome


def _rule(args: argparse.Namespace) -> int:
    from derivlint.output.rule_page import rule_page, rule_table
    from derivlint.rules.registry import all_rules, get_rule

    if args.all:
        sys.stdout.write(rule_table(list(all_rules().values())))
        return 0
    if not args.rule:
        return _fail("give a rule code or name (e.g. `derivlint rule S101`), or --all")
    rule = get_rule(args.rule)
    if rule is None:
        import difflib

        known = [r.code for r in all_rules().values()] + [r.name for r in all_rules().values()]
        close = difflib.get_close_matches(args.rule, known, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see `derivlint rule --all`)"
        return _fail(f"unknown rule {args.rule!r}{hint}")
    sys.stdout.write(rule_page(rule))
    return 0


def _docs(args: argparse.Namespace) -> int:
    from pathlib import Path

    from derivlint.output.rule_docs import stale_docs, write_docs

    folder = Path(args.folder)
    if args.check:
        stale = stale_docs(folder)
        for name in stale:
            sys.stderr.write(f"{folder / name}: out of date (run `derivlint docs {args.folder}`)\n")
        return 1 if stale else 0
    for name in write_docs(folder):
        sys.stderr.write(f"wrote {folder / name}\n")
    return 0


def _server(argv: list[str]) -> int:
    # Imported here only: pygls + lsprotocol cost ~0.7 s, which `check` must never pay.
    import importlib

    try:
        server = importlib.import_module("derivlint.server")
    except ModuleNotFoundError as exc:
        if exc.name in ("derivlint.server", "derivlint"):
            return _fail(
                "the language server is not available in this installation "
                "(module derivlint.server is missing)"
            )
        return _fail(
            f"the language server needs the {exc.name!r} package: "
            "pip install 'pygls>=2.1' lsprotocol"
        )
    return int(server.main(argv) or 0)


def _joined(values: list[str] | None) -> list[str] | None:
    """``["S101,S102", "shape-mismatch"]`` -> ``["S101", "S102", "shape-mismatch"]``."""
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> int:
    print(f"derivlint: error: {message}", file=sys.stderr)
    return 2
