"""Root fixtures; tests/integration/conftest.py overrides and extends some of them."""

import sqlite3
import subprocess
import sys
from unittest import mock

import pytest

# Base ----------------------------------------------------------------------


@pytest.fixture
def settings():
    return {"region": "eu-root", "retries": 3}


@pytest.fixture
def region(settings):
    # resolves against whichever `settings` is closest to the test
    return settings["region"]


# Mocks ---------------------------------------------------------------------


@pytest.fixture
def mock_notifier(settings):
    notifier = mock.Mock(name="notifier")
    notifier.channel = f"alerts-{settings['region']}"
    return notifier


# Services ------------------------------------------------------------------


@pytest.fixture
def db_conn(settings):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (region TEXT, kind TEXT)")
    conn.execute("INSERT INTO events VALUES (?, 'boot')", (settings["region"],))
    yield conn
    conn.close()


# End to end ----------------------------------------------------------------


@pytest.fixture(scope="session")
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
