# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest


@pytest.fixture
@memory_profile("db conn", "MEDIUM")
def db_conn(tmp_path):
    connection = sqlite3.connect(tmp_path / "cache.db")
    yield connection
    connection.close()
