# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Async and yield fixtures; teardowns are recorded so tests can check they ran."""

from conftest_codemods_runtime import memory_profile

import asyncio
import sys

import pytest
import pytest_asyncio

# Every teardown appends here; later tests in the same module read it.
TEARDOWN_LOG = []


@pytest.fixture
@memory_profile("teardown log", "MINIMAL")
def teardown_log():
    return TEARDOWN_LOG


# ---- sync yield fixtures -------------------------------------------------


@pytest.fixture
@memory_profile("tracked resource", "MINIMAL")
def tracked_resource():
    resource = {"name": "tracked", "open": True}
    yield resource
    resource["open"] = False
    TEARDOWN_LOG.append("close:tracked")  # observed by test_tracked_resource_was_closed


@pytest.fixture(scope="module")
@memory_profile("module session", "LOW")
def module_session():
    session = {"requests": 0}
    yield session
    TEARDOWN_LOG.append(f"close:module_session:{session['requests']}")


# ---- async fixtures (strict mode: pytest_asyncio.fixture) -----------------


@pytest_asyncio.fixture
@memory_profile("async value", "MINIMAL")
async def async_value():
    await asyncio.sleep(0)
    return 41 + 1


@pytest_asyncio.fixture
@memory_profile("async queue", "MINIMAL")
async def async_queue():
    queue = asyncio.Queue()
    await queue.put("hello")
    yield queue
    while not queue.empty():  # drain whatever the test left behind
        queue.get_nowait()
    TEARDOWN_LOG.append("close:async_queue")


# ---- end to end: a child process driven through asyncio -------------------


@pytest_asyncio.fixture
@memory_profile("e2e process", "MINIMAL")
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
