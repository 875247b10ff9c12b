# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest


# Services ------------------------------------------------------------------


@pytest.fixture
@memory_profile("db conn", "MEDIUM")
def db_conn(settings):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (region TEXT, kind TEXT)")
    conn.execute("INSERT INTO events VALUES (?, 'boot')", (settings["region"],))
    yield conn
    conn.close()
