# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import Database, Iterator

import sqlite3

import pytest


@pytest.fixture
@memory_profile("database", "MEDIUM")
def database(tmp_path, table_sql) -> "Iterator[Database]":
    conn = sqlite3.connect(tmp_path / "items.sqlite")
    conn.executescript(table_sql)
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db item", "MEDIUM")
def db_item(database: "Database") -> tuple:
    database.execute("INSERT INTO items (name) VALUES ('pen')")
    return database.execute("SELECT id, name FROM items").fetchone()
