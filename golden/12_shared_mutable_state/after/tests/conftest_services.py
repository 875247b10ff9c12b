# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
    from .conftest_base import CALLS, _record
else:
    from conftest_support import memory_profile
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
