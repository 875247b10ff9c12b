import sqlite3

import pytest

REGION = "root"


@pytest.fixture
def settings():
    return {"region": REGION, "currency": "EUR"}


# conftest: services
@pytest.fixture
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "root.sqlite")
    conn.execute("CREATE TABLE events (kind TEXT)")
    yield conn
    conn.close()


@pytest.fixture
def db_events(db_conn):
    db_conn.execute("INSERT INTO events VALUES ('root')")
    return [row[0] for row in db_conn.execute("SELECT kind FROM events")]
