# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3
from decimal import Decimal

import pytest


@pytest.fixture
@memory_profile("db conn", "MEDIUM")
def db_conn(tmp_path):
    connection = sqlite3.connect(tmp_path / "ledger.db")
    connection.execute("create table invoices (amount text)")
    yield connection
    connection.close()


@pytest.fixture
@memory_profile("ledger", "MEDIUM")
def ledger(db_conn, amount):
    db_conn.execute("insert into invoices values (?)", (str(amount),))
    return [Decimal(row[0]) for row in db_conn.execute("select amount from invoices")]
