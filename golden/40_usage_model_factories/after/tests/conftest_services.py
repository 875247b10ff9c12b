# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest
from bookstore.store import OrderStore


@pytest.fixture
@memory_profile("db connection", "MEDIUM")
def db_connection(tmp_path):
    connection = sqlite3.connect(tmp_path / "orders.db")
    yield connection
    connection.close()


@pytest.fixture
@memory_profile("order store", "MEDIUM")
def order_store(db_connection):
    return OrderStore(db_connection)
