import sqlite3

import pytest

__all__ = ["make_item", "PUBLIC_LIMIT"]

PUBLIC_LIMIT = 10
NOT_EXPORTED = "hidden from import *"


def make_item(name):
    return {"name": name}


def __getattr__(name):
    if name == "COMPUTED_LIMIT":
        return PUBLIC_LIMIT * 2
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@pytest.fixture
def item():
    return make_item("pen")


@pytest.fixture
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
def db_item(db_conn):
    db_conn.execute("CREATE TABLE items (name TEXT)")
    db_conn.execute("INSERT INTO items VALUES ('pen')")
    (name,) = db_conn.execute("SELECT name FROM items").fetchone()
    return {**make_item(name), "limit": PUBLIC_LIMIT * 2}
