# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import time
from unittest import mock

import pytest


# ---- mocks -----------------------------------------------------------------


@pytest.fixture
@memory_profile(
    "Freezes time.time(); requested through usefixtures, never by argument.", "LOW"
)
def mock_clock():
    """Freezes time.time(); requested through usefixtures, never by argument."""
    with mock.patch.object(time, "time", return_value=1234.5) as frozen:
        yield frozen
