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
def base_url():
    return BASE_URL


@pytest.fixture
def db_conn(tmp_path):
    global CONNECTIONS
    CONNECTIONS += 1
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
def db_report(db_conn):
    # A services fixture reading two globals that other units rebind at run time: BASE_URL
    # (pytest_configure) and CONNECTIONS (db_conn, also read by tests as conftest.X).
    return {"url": BASE_URL, "connections": CONNECTIONS}
