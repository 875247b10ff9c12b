# conftest-codemods: mocks layer of conftest.py, always loaded.
from unittest import mock

import pytest
import shop_app  # noqa: E402


@pytest.fixture
def mock_app():
    fake = mock.Mock(spec=shop_app.App)
    fake.handle.return_value = {"status": 503, "body": "maintenance"}
    return fake
