# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import sqlite3
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator
    from sqlite3 import Connection as Database

TABLE = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);"


@pytest.fixture
@memory_profile("table sql", "MINIMAL")
def table_sql() -> str:
    return TABLE


@pytest.fixture
@memory_profile("An in-memory database, for unit tests.", "MINIMAL")
def scratch_db(table_sql) -> "Iterator[Database]":
    """An in-memory database, for unit tests."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(table_sql)
    yield conn
    conn.close()
