# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

REGION = "root"


@pytest.fixture
@memory_profile("settings", "MINIMAL")
def settings():
    return {"region": REGION, "currency": "EUR"}


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "root.sqlite")
    conn.execute("CREATE TABLE events (kind TEXT)")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db events", "MINIMAL")
def db_events(db_conn):
    db_conn.execute("INSERT INTO events VALUES ('root')")
    return [row[0] for row in db_conn.execute("SELECT kind FROM events")]
