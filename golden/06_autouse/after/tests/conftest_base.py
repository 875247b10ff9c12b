# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Feature-flag service tests: global state is reset and audited around every test."""

from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

# Module-level state shared by the fixtures below.
_STATE = {"flags": {}, "events": []}


# ---- autouse: reset global state (base) --------------------------------


@pytest.fixture(autouse=True)
@memory_profile(
    "Every test starts with no flags and no events, whatever the previous...", "MINIMAL"
)
def reset_state():
    """Every test starts with no flags and no events, whatever the previous test did."""
    _STATE["flags"].clear()
    _STATE["events"].clear()
    yield
    _STATE["events"].clear()


@pytest.fixture
@memory_profile("flags", "MINIMAL")
def flags():
    class Flags:
        def enable(self, name):
            _STATE["flags"][name] = True
            _STATE["events"].append(("enable", name))

        def is_enabled(self, name):
            return _STATE["flags"].get(name, False)

        @property
        def events(self):
            return list(_STATE["events"])

    return Flags()


# ---- autouse: audit trail in SQLite (services, but every test needs it) --


@pytest.fixture(scope="session")
@memory_profile("audit db", "LOW")
def audit_db():
    conn = sqlite3.connect(":memory:")  # one audit store for the whole run
    conn.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, test TEXT)")
    yield conn
    conn.close()


@pytest.fixture(autouse=True)
@memory_profile("audit entry", "MINIMAL")
def audit_entry(request, audit_db):
    cursor = audit_db.execute(
        "INSERT INTO audit (test) VALUES (?)", (request.node.name,)
    )
    request.node.audit_id = (
        cursor.lastrowid
    )  # tests read this without requesting the fixture
    yield
    audit_db.commit()
