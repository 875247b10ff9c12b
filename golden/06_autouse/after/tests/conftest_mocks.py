# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import sqlite3
from unittest import mock

import pytest


# ---- autouse: no real network in unit tests (mocks) ---------------------


@pytest.fixture(autouse=True)
@memory_profile("block network", "LOW")
def block_network():
    def refuse(*args, **kwargs):
        raise RuntimeError("network access is disabled in tests")

    with mock.patch("urllib.request.urlopen", side_effect=refuse) as guard:
        yield guard


# ---- autouse: audit trail in SQLite (services, but every test needs it) --


@pytest.fixture(scope="session")
@memory_profile("audit db", "MEDIUM")
def audit_db():
    conn = sqlite3.connect(":memory:")  # one audit store for the whole run
    conn.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, test TEXT)")
    yield conn
    conn.close()


@pytest.fixture(autouse=True)
@memory_profile("audit entry", "LOW")
def audit_entry(request, audit_db):
    cursor = audit_db.execute(
        "INSERT INTO audit (test) VALUES (?)", (request.node.name,)
    )
    request.node.audit_id = (
        cursor.lastrowid
    )  # tests read this without requesting the fixture
    yield
    audit_db.commit()
