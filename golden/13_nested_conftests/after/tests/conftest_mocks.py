# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


# Mocks ---------------------------------------------------------------------


@pytest.fixture
@memory_profile("mock notifier", "LOW")
def mock_notifier(settings):
    notifier = mock.Mock(name="notifier")
    notifier.channel = f"alerts-{settings['region']}"
    return notifier
