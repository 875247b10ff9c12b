# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import sqlite3

import pytest


@pytest.fixture(name="db")
@memory_profile("db", "MEDIUM")
def _db_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE notes (body TEXT)")
    yield conn
    conn.close()
