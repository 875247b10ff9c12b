# conftest-codemods: mocks layer of conftest.py, always loaded.
from unittest import mock
import pytest_asyncio


@pytest_asyncio.fixture
async def mock_async_api():
    api = mock.AsyncMock(name="api")
    api.fetch.return_value = {"status": "ok"}
    return api
