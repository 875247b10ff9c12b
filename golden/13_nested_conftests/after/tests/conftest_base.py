# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Root fixtures; tests/sub/conftest.py overrides and extends some of them."""

from conftest_codemods_runtime import memory_profile

import sqlite3
import subprocess
import sys

import pytest

# Base ----------------------------------------------------------------------


@pytest.fixture
@memory_profile("settings", "MINIMAL")
def settings():
    return {"region": "eu-root", "retries": 3}


@pytest.fixture
@memory_profile("region", "MINIMAL")
def region(settings):
    # resolves against whichever `settings` is closest to the test
    return settings["region"]


# Services ------------------------------------------------------------------


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn(settings):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (region TEXT, kind TEXT)")
    conn.execute("INSERT INTO events VALUES (?, 'boot')", (settings["region"],))
    yield conn
    conn.close()


# End to end ----------------------------------------------------------------


@pytest.fixture(scope="session")
@memory_profile("e2e runner", "LOW")
def e2e_runner():
    def run(code):
        return subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()

    return run
