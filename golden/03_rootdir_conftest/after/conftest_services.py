# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_mocks import RATES
else:
    from conftest_mocks import RATES

import sqlite3

import pytest

import ledger


# Base fixtures -----------------------------------------------------------


@pytest.fixture
def empty_ledger():
    return ledger.Ledger()


@pytest.fixture
def funded_ledger(empty_ledger):
    empty_ledger.post("cash", "100.00")
    empty_ledger.post("bank", "250.50")
    return empty_ledger


# Services ----------------------------------------------------------------


@pytest.fixture(scope="module")
def rates_db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE rates (currency TEXT PRIMARY KEY, rate TEXT)")
    conn.executemany("INSERT INTO rates VALUES (?, ?)", sorted(RATES.items()))
    yield conn
    conn.close()
