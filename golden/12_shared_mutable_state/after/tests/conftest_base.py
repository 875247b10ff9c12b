# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Order fixtures that record what they did in module-level state."""

from conftest_codemods_runtime import memory_profile

import sqlite3

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
@memory_profile("order", "MINIMAL")
def order():
    _record("order")
    return {"id": next_id(), "lines": []}


@pytest.fixture
@memory_profile("db orders", "MINIMAL")
def db_orders():
    _record("db_orders")
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, paid INTEGER)")
    yield conn
    CALLS.append(
        ("close", "db_orders")
    )  # after our teardown hook: it runs before finalizers
    conn.close()
