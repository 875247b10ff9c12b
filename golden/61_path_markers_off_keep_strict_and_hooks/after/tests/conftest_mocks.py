# conftest-codemods: mocks layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

from unittest import mock

import pytest


@pytest.fixture
@memory_profile("mock mailer", "LOW")
def mock_mailer():
    return mock.Mock()
