import sqlite3

import pytest


def _database(kind):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (kind TEXT)")
    conn.execute("INSERT INTO events VALUES (?)", (kind,))
    return conn


class TestClassOverride:
    @pytest.fixture
    def db_conn(self):
        return _database("class")

    def test_class_override(self, db_events):
        assert db_events == ["class", "root"]


@pytest.fixture
def db_conn():
    """Overrides the conftest's gated fixture for this module (pytest 8.4 and 9 alike)."""
    return _database("module")


def test_module_override(db_events):
    assert db_events == ["module", "root"]
