# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
    from .conftest_base import KNOWN_TENANTS
else:
    from conftest_support import memory_profile
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
