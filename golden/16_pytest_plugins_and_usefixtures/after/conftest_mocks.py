# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import sqlite3
import time
from unittest import mock

import pytest


# ---- mocks -----------------------------------------------------------------


@pytest.fixture
@memory_profile("Freezes time.time(); requested through usefixtures, never by argument.", "LOW")
def mock_clock():
    """Freezes time.time(); requested through usefixtures, never by argument."""
    with mock.patch.object(time, "time", return_value=1234.5) as frozen:
        yield frozen


# ---- services ----------------------------------------------------------------


@pytest.fixture
@memory_profile("db conn", "LOW")
def db_conn():
    # only reached via request.getfixturevalue("db_conn") and other fixtures
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE items (name TEXT, qty INTEGER)")
    yield conn
    conn.close()
