# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest


# conftest: services
@pytest.fixture
@memory_profile("db conn", "MEDIUM")
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "root.sqlite")
    conn.execute("CREATE TABLE events (kind TEXT)")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db events", "MEDIUM")
def db_events(db_conn):
    db_conn.execute("INSERT INTO events VALUES ('root')")
    return [row[0] for row in db_conn.execute("SELECT kind FROM events")]
