# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
# Root conftest: the tests live next to it, in the project root.
from conftest_codemods_runtime import memory_profile

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import ledger

ROOT = Path(__file__).resolve().parent  # the project root (also the rootdir)
RATES = {"USD": "1.10", "GBP": "0.85"}  # conversion rates from EUR


# Base fixtures -----------------------------------------------------------


@pytest.fixture
@memory_profile("empty ledger", "MINIMAL")
def empty_ledger():
    return ledger.Ledger()


@pytest.fixture
@memory_profile("funded ledger", "MINIMAL")
def funded_ledger(empty_ledger):
    empty_ledger.post("cash", "100.00")
    empty_ledger.post("bank", "250.50")
    return empty_ledger


# Services ----------------------------------------------------------------


@pytest.fixture(scope="module")
@memory_profile("rates db", "LOW")
def rates_db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE rates (currency TEXT PRIMARY KEY, rate TEXT)")
    conn.executemany("INSERT INTO rates VALUES (?, ?)", sorted(RATES.items()))
    yield conn
    conn.close()


# End to end --------------------------------------------------------------


@pytest.fixture
@memory_profile(
    "Runs a snippet in a fresh interpreter with the project root as workin...",
    "MINIMAL",
)
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
