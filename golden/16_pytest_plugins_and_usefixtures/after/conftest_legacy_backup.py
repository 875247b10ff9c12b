"""Rootdir conftest: plugins for the whole run, and fixtures for tests/."""

import sqlite3
import time
from unittest import mock

import pytest

# pytest_plugins is only allowed in the rootdir (top-level) conftest.
pytest_plugins = ["pytester"]

SEED_ROWS = [("alpha", 1), ("beta", 2)]  # rows every seeded database starts with


# ---- mocks -----------------------------------------------------------------


@pytest.fixture
def mock_clock():
    """Freezes time.time(); requested through usefixtures, never by argument."""
    with mock.patch.object(time, "time", return_value=1234.5) as frozen:
        yield frozen


# ---- services ----------------------------------------------------------------


@pytest.fixture
def db_conn():
    # only reached via request.getfixturevalue("db_conn") and other fixtures
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE items (name TEXT, qty INTEGER)")
    yield conn
    conn.close()


@pytest.fixture
def seeded_db(db_conn):
    db_conn.executemany("INSERT INTO items VALUES (?, ?)", SEED_ROWS)
    db_conn.commit()
    return db_conn


# ---- base --------------------------------------------------------------------


@pytest.fixture
def inventory(request):
    """Uses the real database only when the test asks for it by marker."""
    if request.node.get_closest_marker("with_db") is None:
        return dict(SEED_ROWS)
    conn = request.getfixturevalue("db_conn")
    return dict(conn.execute("SELECT name, qty FROM items").fetchall())


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "with_db: the inventory fixture reads the real database"
    )
