# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import sqlite3

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
    from decimal import Decimal
    db_conn.execute("insert into invoices values (?)", (str(amount),))
    return [Decimal(row[0]) for row in db_conn.execute("select amount from invoices")]
