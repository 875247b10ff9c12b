# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock
import pytest_asyncio


@pytest_asyncio.fixture
@memory_profile("mock async api", "LOW")
async def mock_async_api():
    api = mock.AsyncMock(name="api")
    api.fetch.return_value = {"status": "ok"}
    return api
