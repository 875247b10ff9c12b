# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import pytest


@pytest.fixture
@memory_profile("warehouse db", "MEDIUM")
def warehouse_db(tmp_path):
    import sqlite3
    connection = sqlite3.connect(tmp_path / "warehouse.db")
    connection.execute("CREATE TABLE stock (name TEXT, quantity INTEGER)")
    yield connection
    connection.close()
