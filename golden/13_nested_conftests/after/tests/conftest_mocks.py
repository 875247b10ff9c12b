# conftest-codemods: mocks layer of conftest.py, always loaded.
from unittest import mock

import pytest


# Mocks ---------------------------------------------------------------------


@pytest.fixture
def mock_notifier(settings):
    notifier = mock.Mock(name="notifier")
    notifier.channel = f"alerts-{settings['region']}"
    return notifier
