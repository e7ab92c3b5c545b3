"""``derivlint server`` on stdio (with or without ``--stdio``) and on TCP."""

from __future__ import annotations

import asyncio
import json
import socket
import sys

import pytest

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {}}}


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


async def _read(reader: asyncio.StreamReader) -> dict:
    length = 0
    while line := (await reader.readline()).strip():
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(await reader.readexactly(length))


async def _session(reader: asyncio.StreamReader, writer) -> dict:
    writer.write(_frame(INIT))
    answer = await asyncio.wait_for(_read(reader), 30)
    writer.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    await asyncio.wait_for(_read(reader), 30)
    writer.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
    return answer


@pytest.mark.parametrize("args", [[], ["--stdio"]])
async def test_stdio(args: list[str]) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "derivlint", "server", *args,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    try:
        answer = await _session(proc.stdout, proc.stdin)  # type: ignore[arg-type]
        assert answer["result"]["serverInfo"]["name"] == "derivlint"
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        if proc.returncode is None:
            proc.kill()


async def test_tcp() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "derivlint", "server", "--tcp", f"127.0.0.1:{port}",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    try:
        for _ in range(300):  # the server needs a moment to import pygls and listen
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.05)
        else:
            raise AssertionError("the server never listened")
        answer = await _session(reader, writer)
        assert "hoverProvider" in answer["result"]["capabilities"]
        writer.close()
    finally:
        proc.kill()
        await proc.wait()


async def test_a_bad_tcp_address_is_a_usage_error() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "derivlint", "server", "--tcp", "localhost",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2 and b"HOST:PORT" in err
