# conftest-codemods: mocks layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

from unittest import mock

import pytest


# Mocks ---------------------------------------------------------------------


@pytest.fixture
@memory_profile("mock notifier", "LOW")
def mock_notifier(settings):
    notifier = mock.Mock(name="notifier")
    notifier.channel = f"alerts-{settings['region']}"
    return notifier
