# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest


# ---- fixtures meant for indirect parametrization -----------------------------


@pytest.fixture
@memory_profile("A key/value backend; tests pick the kind with indirect parametrization.", "MEDIUM")
def backend(request):
    """A key/value backend; tests pick the kind with indirect parametrization."""
    kind = getattr(request, "param", "memory")  # default when not parametrized
    if kind == "sqlite":
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT)")
        request.addfinalizer(conn.close)
        return {"kind": kind, "conn": conn}
    return {"kind": kind, "data": {}}
