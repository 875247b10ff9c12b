import sqlite3

import pytest

REGION = "api"


@pytest.fixture
def settings(settings):
    """Overrides the root fixture: the root settings with this directory's region."""
    return {**settings, "region": REGION}


@pytest.fixture
def db_conn(tmp_path):
    """Overrides the root's gated fixture with an in-memory database."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (kind TEXT)")
    conn.execute("INSERT INTO events VALUES ('api')")
    yield conn
    conn.close()


@pytest.fixture
def db_api_count(db_conn):
    return db_conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
