# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest
import shop_app


@pytest.fixture
@memory_profile("mock app", "LOW")
def mock_app():
    fake = mock.Mock(spec=shop_app.App)
    fake.handle.return_value = {"status": 503, "body": "maintenance"}
    return fake
