# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest
CONNECTIONS = 0


@pytest.fixture
@memory_profile("db conn", "LOW")
def db_conn(tmp_path):
    global CONNECTIONS
    CONNECTIONS += 1
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()
