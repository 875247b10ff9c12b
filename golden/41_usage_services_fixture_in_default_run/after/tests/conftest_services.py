# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import pytest


@pytest.fixture
@memory_profile("warehouse db", "MEDIUM")
def warehouse_db(tmp_path):
    import sqlite3
    connection = sqlite3.connect(tmp_path / "warehouse.db")
    connection.execute("CREATE TABLE stock (name TEXT, quantity INTEGER)")
    yield connection
    connection.close()
