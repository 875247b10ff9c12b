"""Order fixtures that record what they did in module-level state."""

import sqlite3
from unittest import mock

import pytest

# ---- shared mutable state -------------------------------------------------

REGISTRY = {}  # fixture name -> how many times it was set up
CALLS = []  # (phase, test name), in the order things happened
_NEXT_ID = 0  # rebound by next_id() through `global`


def next_id():
    global _NEXT_ID
    _NEXT_ID += 1
    return _NEXT_ID


def _record(name):
    REGISTRY[name] = REGISTRY.get(name, 0) + 1


# ---- hooks that write to the shared state -----------------------------------


def pytest_runtest_call(item):
    CALLS.append(("call", item.name))


def pytest_runtest_teardown(item, nextitem):
    CALLS.append(("teardown", item.name))


# ---- fixtures that write to the shared state -------------------------------


@pytest.fixture
def order():
    _record("order")
    return {"id": next_id(), "lines": []}


@pytest.fixture
def mock_payment():
    _record("mock_payment")
    return mock.Mock(**{"charge.return_value": True})


@pytest.fixture
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
def checkout(order, mock_payment, db_orders):
    def run():
        paid = mock_payment.charge(order["id"])
        db_orders.execute("INSERT INTO orders VALUES (?, ?)", (order["id"], int(paid)))
        return paid

    return run
