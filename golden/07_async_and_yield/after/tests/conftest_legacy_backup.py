"""Async and yield fixtures; teardowns are recorded so tests can check they ran."""

import asyncio
import sys
from unittest import mock

import pytest
import pytest_asyncio

# Every teardown appends here; later tests in the same module read it.
TEARDOWN_LOG = []


@pytest.fixture
def teardown_log():
    return TEARDOWN_LOG


# ---- sync yield fixtures -------------------------------------------------


@pytest.fixture
def tracked_resource():
    resource = {"name": "tracked", "open": True}
    yield resource
    resource["open"] = False
    TEARDOWN_LOG.append("close:tracked")  # observed by test_tracked_resource_was_closed


@pytest.fixture(scope="module")
def module_session():
    session = {"requests": 0}
    yield session
    TEARDOWN_LOG.append(f"close:module_session:{session['requests']}")


# ---- async fixtures (strict mode: pytest_asyncio.fixture) -----------------


@pytest_asyncio.fixture
async def async_value():
    await asyncio.sleep(0)
    return 41 + 1


@pytest_asyncio.fixture
async def async_queue():
    queue = asyncio.Queue()
    await queue.put("hello")
    yield queue
    while not queue.empty():  # drain whatever the test left behind
        queue.get_nowait()
    TEARDOWN_LOG.append("close:async_queue")


@pytest_asyncio.fixture
async def mock_async_api():
    api = mock.AsyncMock(name="api")
    api.fetch.return_value = {"status": "ok"}
    return api


# conftest: services
@pytest_asyncio.fixture
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
async def echo_client(echo_server):
    host, port = echo_server
    reader, writer = await asyncio.open_connection(host, port)
    yield reader, writer
    writer.close()
    await writer.wait_closed()
    TEARDOWN_LOG.append("close:echo_client")


# ---- end to end: a child process driven through asyncio -------------------


@pytest_asyncio.fixture
async def e2e_process():
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "import sys; print(sys.stdin.readline().strip()[::-1])",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    yield process
    if process.returncode is None:
        process.kill()
    await process.wait()
