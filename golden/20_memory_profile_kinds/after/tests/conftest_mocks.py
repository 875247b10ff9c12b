# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


@pytest.fixture
@memory_profile("mock mailer", "LOW")
def mock_mailer():
    return mock.Mock(name="mailer", return_value="sent")


def _fake_clock():
    return mock.Mock(name="clock", return_value=1700000000)


mock_clock = pytest.fixture(
    memory_profile("mock clock", "MEDIUM")(
        _fake_clock
    ),  # a mock: goes to the mocks layer
    scope="module",
)
