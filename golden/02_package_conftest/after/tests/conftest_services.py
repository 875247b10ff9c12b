# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.

from __future__ import annotations

from conftest_codemods_runtime import memory_profile

import json
import sqlite3

import pytest


# --- services: SQLite-backed storage and cache ------------------------------


@pytest.fixture
@memory_profile("db session", "MEDIUM")
def db_session():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE books (slug TEXT PRIMARY KEY, title TEXT, author TEXT)")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("A key/value cache backed by its own SQLite table.", "MEDIUM")
def cache():
    """A key/value cache backed by its own SQLite table."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE cache (key TEXT PRIMARY KEY, value TEXT)")

    class Cache:
        def set(self, key, value):
            conn.execute("REPLACE INTO cache VALUES (?, ?)", (key, json.dumps(value)))

        def get(self, key, default=None):
            row = conn.execute(
                "SELECT value FROM cache WHERE key = ?", (key,)
            ).fetchone()
            return json.loads(row[0]) if row else default

    yield Cache()
    conn.close()


@pytest.fixture
@memory_profile("stored shelf", "MEDIUM")
def stored_shelf(db_session, shelf):
    for item in shelf:
        db_session.execute(
            "INSERT INTO books VALUES (?, ?, ?)", (item.slug, item.title, item.author)
        )
    return db_session
