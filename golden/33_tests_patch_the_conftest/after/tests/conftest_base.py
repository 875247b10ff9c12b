# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

TIMEOUT = 5
RETRIES = 3


def describe_timeout():
    return f"timeout={TIMEOUT}"


@pytest.fixture
@memory_profile("timeout reader", "MINIMAL")
def timeout_reader():
    return lambda: TIMEOUT


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db settings", "MINIMAL")
def db_settings(db_conn):
    return lambda: {"timeout": TIMEOUT, "retries": RETRIES, "text": describe_timeout()}
