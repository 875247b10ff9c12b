# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import TEARDOWN_LOG

import asyncio
import pytest_asyncio


# conftest: services
@pytest_asyncio.fixture
@memory_profile("echo server", "MEDIUM")
async def echo_server():
    async def handle(reader, writer):
        line = await reader.readline()
        writer.write(line.upper())
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    yield server.sockets[0].getsockname()[:2]
    server.close()
    await server.wait_closed()


@pytest_asyncio.fixture
@memory_profile("echo client", "MEDIUM")
async def echo_client(echo_server):
    host, port = echo_server
    reader, writer = await asyncio.open_connection(host, port)
    yield reader, writer
    writer.close()
    await writer.wait_closed()
    TEARDOWN_LOG.append("close:echo_client")
