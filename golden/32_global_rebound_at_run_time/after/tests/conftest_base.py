# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

BASE_URL = "http://default.example"
CONNECTIONS = 0


def pytest_addoption(parser):
    parser.addoption("--base-url", default=None)


def pytest_configure(config):
    global BASE_URL
    if config.getoption("--base-url"):
        BASE_URL = config.getoption("--base-url")


@pytest.fixture
@memory_profile("base url", "MINIMAL")
def base_url():
    return BASE_URL


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn(tmp_path):
    global CONNECTIONS
    CONNECTIONS += 1
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db report", "MINIMAL")
def db_report(db_conn):
    # A services fixture reading both rebound globals.
    return {"url": BASE_URL, "connections": CONNECTIONS}
