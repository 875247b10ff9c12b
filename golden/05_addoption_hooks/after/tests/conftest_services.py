# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import KNOWN_TENANTS

import sqlite3

import pytest


@pytest.fixture
@memory_profile("tenant db", "MEDIUM")
def tenant_db(tenant):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE tenants (name TEXT PRIMARY KEY, active INTEGER)")
    conn.executemany(
        "INSERT INTO tenants VALUES (?, ?)",
        [(name, int(name == tenant)) for name in KNOWN_TENANTS],
    )
    yield conn
    conn.close()
