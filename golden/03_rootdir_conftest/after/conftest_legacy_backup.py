# Root conftest: the tests live next to it, in the project root.
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest

import ledger

ROOT = Path(__file__).resolve().parent  # the project root (also the rootdir)
RATES = {"USD": "1.10", "GBP": "0.85"}  # conversion rates from EUR


# Base fixtures -----------------------------------------------------------


@pytest.fixture
def empty_ledger():
    return ledger.Ledger()


@pytest.fixture
def funded_ledger(empty_ledger):
    empty_ledger.post("cash", "100.00")
    empty_ledger.post("bank", "250.50")
    return empty_ledger


# Mocks -------------------------------------------------------------------


@pytest.fixture
def mock_rates():
    provider = mock.Mock(name="rates")
    provider.rate.side_effect = lambda currency: Decimal(RATES[currency])
    return provider


# Services ----------------------------------------------------------------


@pytest.fixture(scope="module")
def rates_db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE rates (currency TEXT PRIMARY KEY, rate TEXT)")
    conn.executemany("INSERT INTO rates VALUES (?, ?)", sorted(RATES.items()))
    yield conn
    conn.close()


# End to end --------------------------------------------------------------


@pytest.fixture
def e2e_python():
    """Runs a snippet in a fresh interpreter with the project root as working directory."""

    def run(snippet):
        result = subprocess.run(
            [sys.executable, "-c", snippet],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    return run
