# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

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
