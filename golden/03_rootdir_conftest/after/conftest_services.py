# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_mocks import RATES

import sqlite3

import pytest

import ledger


# Base fixtures -----------------------------------------------------------


@pytest.fixture
@memory_profile("empty ledger", "MEDIUM")
def empty_ledger():
    return ledger.Ledger()


@pytest.fixture
@memory_profile("funded ledger", "MEDIUM")
def funded_ledger(empty_ledger):
    empty_ledger.post("cash", "100.00")
    empty_ledger.post("bank", "250.50")
    return empty_ledger


# Services ----------------------------------------------------------------


@pytest.fixture(scope="module")
@memory_profile("rates db", "HIGH")
def rates_db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE rates (currency TEXT PRIMARY KEY, rate TEXT)")
    conn.executemany("INSERT INTO rates VALUES (?, ?)", sorted(RATES.items()))
    yield conn
    conn.close()
