"""``derivlint server``: the language server (pygls), a thin layer over ``derivlint.analysis``."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="derivlint server", description="Start the derivlint language server.")
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    parser.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP port instead")
    parser.add_argument("--log-file", help="write the server's log to this file")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    from derivlint.server.app import server

    # A re-check allocates many small objects while the previous results are still
    # alive; CPython's default thresholds then run full collections that stall a
    # keystroke's re-check by 100-300 ms on a long notebook. Collect less often.
    gc.set_threshold(50_000, 50, 1000)
    # Checks run on a worker thread while the event loop reads the next edit; with the
    # default 5 ms GIL switch interval each hand-over between them (several per message)
    # waits up to 5 ms, which added 20-50 ms before a re-check could even be cancelled.
    sys.setswitchinterval(0.0005)

    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        if not port.isdigit():
            print("derivlint: error: --tcp needs HOST:PORT, e.g. 127.0.0.1:2087", file=sys.stderr)
            return 2
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        from derivlint.server.stdio import start_io

        start_io(server)
    return 0
