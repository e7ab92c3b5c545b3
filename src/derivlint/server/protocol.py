"""pygls's protocol, answering a request whose params do not fit its method with an error.

pygls 2.1 raises while decoding such a request, before it knows to answer, so
the client waits for ever on that id. Here the request gets the JSON-RPC
``InvalidParams`` error the specification asks for, and the server reads on.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol

log = logging.getLogger(__name__)


class DerivlintProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]):  # type: ignore[no-untyped-def]
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" not in data or "method" not in data:
                raise
            log.warning("invalid params for %s (id %s)", data.get("method"), data.get("id"))
            error = types.ResponseError(code=exc.code, message=f"{exc.message} for {data['method']}")
            self._send_response(data["id"], error=error)
            return SimpleNamespace(jsonrpc="answered")  # handle_message skips it
