"""Serving on stdin/stdout with stdin read by the event loop itself.

pygls's ``start_io`` reads stdin on a worker thread, one ``run_in_executor`` round
trip per header line and one for the body. While a check runs on the checking
thread, each round trip waits for the GIL twice, so a ``didChange`` took 3 ms
(p95 8 ms) to reach its handler on a 300-cell notebook. Here stdin is a pipe
the loop's selector watches (``connect_read_pipe``), and the same pygls message loop
(``run_async``) reads from it: 1 ms (p95 2 ms). Where stdin cannot be watched (a
regular file, Windows), pygls's own reader is used.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading

from pygls.io_ import StdoutWriter, run_async
from pygls.lsp.server import LanguageServer

log = logging.getLogger(__name__)

#: the longest header line or body chunk the reader buffers at once
READ_LIMIT = 2**24


def start_io(server: LanguageServer) -> None:
    """``server.start_io()``, reading stdin on the event loop where it can."""
    if sys.platform == "win32":
        server.start_io()
        return
    served = True
    try:
        served = asyncio.run(_serve(server))
    except BrokenPipeError:
        log.error("Connection to the client is lost! Shutting down the server.")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if served:
            server.shutdown()
    if not served:
        server.start_io()


async def _serve(server: LanguageServer) -> bool:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=READ_LIMIT)
    try:
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    except (OSError, ValueError) as exc:  # not a pipe, socket or character device
        log.info("stdin cannot be watched (%s): reading it on a thread", exc)
        return False
    server._stop_event = stop = threading.Event()  # what pygls's shutdown() sets
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    await run_async(stop_event=stop, reader=reader, protocol=server.protocol, logger=log,
                    error_handler=server.report_server_error)
    return True
