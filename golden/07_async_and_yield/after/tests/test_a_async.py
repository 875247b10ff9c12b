import pytest


@pytest.mark.asyncio
async def test_async_value(async_value):
    assert async_value == 42


@pytest.mark.asyncio
async def test_async_queue(async_queue):
    assert await async_queue.get() == "hello"
    await async_queue.put("left over")


def test_async_queue_teardown_ran(teardown_log):
    assert "close:async_queue" in teardown_log


@pytest.mark.asyncio
async def test_mock_async_api(mock_async_api):
    assert await mock_async_api.fetch("/status") == {"status": "ok"}
    mock_async_api.fetch.assert_awaited_once_with("/status")


@pytest.mark.asyncio
async def test_echo(echo_client):
    reader, writer = echo_client
    writer.write(b"ping\n")
    await writer.drain()
    assert await reader.readline() == b"PING\n"


def test_echo_client_teardown_ran(teardown_log):
    assert teardown_log.count("close:echo_client") == 1


@pytest.mark.asyncio
async def test_e2e_process(e2e_process):
    stdout, _ = await e2e_process.communicate(b"golden\n")
    assert stdout.decode().strip() == "nedlog"
    assert e2e_process.returncode == 0
