# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Rootdir conftest: plugins for the whole run, and fixtures for tests/."""

from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

# pytest_plugins is only allowed in the rootdir (top-level) conftest.
pytest_plugins = ["pytester"]

SEED_ROWS = [("alpha", 1), ("beta", 2)]  # rows every seeded database starts with


# ---- services ----------------------------------------------------------------


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn():
    # only reached via request.getfixturevalue("db_conn") and other fixtures
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE items (name TEXT, qty INTEGER)")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("seeded db", "MINIMAL")
def seeded_db(db_conn):
    db_conn.executemany("INSERT INTO items VALUES (?, ?)", SEED_ROWS)
    db_conn.commit()
    return db_conn


# ---- base --------------------------------------------------------------------


@pytest.fixture
@memory_profile(
    "Uses the real database only when the test asks for it by marker.", "MINIMAL"
)
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
