# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures of the catalog suite."""

from conftest_codemods_runtime import memory_profile

import pytest

ROWS = [("tea", 350), ("coffee", 420)]


@pytest.fixture(scope="session")
@memory_profile("A small read-only SQLite catalog, shared by the whole run.", "LOW")
def catalog_db(tmp_path_factory):
    """A small read-only SQLite catalog, shared by the whole run."""
    import sqlite3
    connection = sqlite3.connect(tmp_path_factory.mktemp("catalog") / "catalog.db")
    connection.execute("CREATE TABLE items (name TEXT, price INTEGER)")
    connection.executemany("INSERT INTO items VALUES (?, ?)", ROWS)
    yield connection
    connection.close()


@pytest.fixture
@memory_profile("prices", "MINIMAL")
def prices(catalog_db):
    return dict(catalog_db.execute("SELECT name, price FROM items"))
