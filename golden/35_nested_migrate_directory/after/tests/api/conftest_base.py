# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

REGION = "api"


@pytest.fixture
@memory_profile(
    "Overrides the root fixture: the root settings with this directory's r...", "MINIMAL"
)
def settings(settings):
    """Overrides the root fixture: the root settings with this directory's region."""
    return {**settings, "region": REGION}


@pytest.fixture
@memory_profile("Overrides the root's gated fixture with an in-memory database.", "MINIMAL")
def db_conn(tmp_path):
    """Overrides the root's gated fixture with an in-memory database."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (kind TEXT)")
    conn.execute("INSERT INTO events VALUES ('api')")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db api count", "MINIMAL")
def db_api_count(db_conn):
    return db_conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
