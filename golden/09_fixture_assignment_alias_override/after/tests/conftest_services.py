# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).

import sqlite3

import pytest


@pytest.fixture(name="db")
def _db_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE notes (body TEXT)")
    yield conn
    conn.close()
