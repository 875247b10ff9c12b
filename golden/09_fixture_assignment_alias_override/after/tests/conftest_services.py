# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest


@pytest.fixture(name="db")
@memory_profile("db", "MEDIUM")
def _db_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE notes (body TEXT)")
    yield conn
    conn.close()
