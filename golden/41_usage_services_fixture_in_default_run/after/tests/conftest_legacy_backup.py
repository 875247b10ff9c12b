"""Fixtures of the catalog suite."""

import sqlite3

import pytest

ROWS = [("tea", 350), ("coffee", 420)]


@pytest.fixture(scope="session")
def catalog_db(tmp_path_factory):
    """A small read-only SQLite catalog, shared by the whole run."""
    connection = sqlite3.connect(tmp_path_factory.mktemp("catalog") / "catalog.db")
    connection.execute("CREATE TABLE items (name TEXT, price INTEGER)")
    connection.executemany("INSERT INTO items VALUES (?, ?)", ROWS)
    yield connection
    connection.close()


@pytest.fixture
def prices(catalog_db):
    return dict(catalog_db.execute("SELECT name, price FROM items"))


@pytest.fixture
def warehouse_db(tmp_path):
    connection = sqlite3.connect(tmp_path / "warehouse.db")
    connection.execute("CREATE TABLE stock (name TEXT, quantity INTEGER)")
    yield connection
    connection.close()
