# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import CALLS, _record

import sqlite3

import pytest


@pytest.fixture
@memory_profile("db orders", "MEDIUM")
def db_orders():
    _record("db_orders")
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, paid INTEGER)")
    yield conn
    CALLS.append(
        ("close", "db_orders")
    )  # after our teardown hook: it runs before finalizers
    conn.close()


@pytest.fixture
@memory_profile("checkout", "MEDIUM")
def checkout(order, mock_payment, db_orders):
    def run():
        paid = mock_payment.charge(order["id"])
        db_orders.execute("INSERT INTO orders VALUES (?, ?)", (order["id"], int(paid)))
        return paid

    return run
