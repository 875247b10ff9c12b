# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest


@pytest.fixture
@memory_profile("Overrides the root's gated fixture with an in-memory database.", "MEDIUM")
def db_conn(tmp_path):
    """Overrides the root's gated fixture with an in-memory database."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (kind TEXT)")
    conn.execute("INSERT INTO events VALUES ('unit')")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db unit count", "MEDIUM")
def db_unit_count(db_conn):
    return db_conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
