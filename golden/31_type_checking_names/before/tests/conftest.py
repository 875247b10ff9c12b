import sqlite3
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator
    from sqlite3 import Connection as Database

TABLE = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);"


@pytest.fixture
def table_sql() -> str:
    return TABLE


@pytest.fixture
def scratch_db(table_sql) -> "Iterator[Database]":
    """An in-memory database, for unit tests."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(table_sql)
    yield conn
    conn.close()


@pytest.fixture
def database(tmp_path, table_sql) -> "Iterator[Database]":
    conn = sqlite3.connect(tmp_path / "items.sqlite")
    conn.executescript(table_sql)
    yield conn
    conn.close()


@pytest.fixture
def db_item(database: "Database") -> tuple:
    database.execute("INSERT INTO items (name) VALUES ('pen')")
    return database.execute("SELECT id, name FROM items").fetchone()
