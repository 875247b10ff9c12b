# conftest-codemods: mocks layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

from unittest import mock

import pytest
import shop_app


@pytest.fixture
@memory_profile("mock app", "LOW")
def mock_app():
    fake = mock.Mock(spec=shop_app.App)
    fake.handle.return_value = {"status": 503, "body": "maintenance"}
    return fake
