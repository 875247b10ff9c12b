# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import PUBLIC_LIMIT, make_item

import sqlite3

import pytest


@pytest.fixture
@memory_profile("db conn", "MEDIUM")
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db item", "MEDIUM")
def db_item(db_conn):
    db_conn.execute("CREATE TABLE items (name TEXT)")
    db_conn.execute("INSERT INTO items VALUES ('pen')")
    (name,) = db_conn.execute("SELECT name FROM items").fetchone()
    return {**make_item(name), "limit": PUBLIC_LIMIT * 2}
