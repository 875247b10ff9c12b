# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).

import sqlite3

import pytest


# Services ------------------------------------------------------------------


@pytest.fixture
def db_conn(settings):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (region TEXT, kind TEXT)")
    conn.execute("INSERT INTO events VALUES (?, 'boot')", (settings["region"],))
    yield conn
    conn.close()
