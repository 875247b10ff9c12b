"""Fixtures for the library catalogue tests (tests/ is a package)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from unittest import mock

import pytest

from .helpers import slugify  # relative import: only works because tests/ is a package

# --- domain objects -------------------------------------------------------


@dataclass
class Book:
    title: str
    author: str
    tags: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.title)


@pytest.fixture
def book() -> Book:
    return Book("The Pragmatic Tester", "A. Author", tags=["testing"])


@pytest.fixture
def shelf(book):
    # a shelf always holds the default book plus one more
    return [book, Book("Second Volume", "B. Writer")]


# --- mocks ----------------------------------------------------------------


@pytest.fixture
def mock_catalog_api():
    api = mock.create_autospec(_CatalogApi, instance=True)
    api.lookup.return_value = {"isbn": "978-0000000000", "found": True}
    return api


class _CatalogApi:
    """The interface of the remote catalogue; only used to autospec the mock."""

    def lookup(self, isbn: str) -> dict:  # pragma: no cover - never called for real
        raise NotImplementedError


# --- services: SQLite-backed storage and cache ------------------------------


@pytest.fixture
def db_session():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE books (slug TEXT PRIMARY KEY, title TEXT, author TEXT)")
    yield conn
    conn.close()


@pytest.fixture
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
def stored_shelf(db_session, shelf):
    for item in shelf:
        db_session.execute(
            "INSERT INTO books VALUES (?, ?, ?)", (item.slug, item.title, item.author)
        )
    return db_session


# --- end to end: the command-line tool, run as a real process ---------------


@pytest.fixture
def staging_cli():
    def run(*args):
        code = "import json, sys; print(json.dumps({'argv': sys.argv[1:]}))"
        completed = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return json.loads(completed.stdout)

    return run
