import sqlite3

import pytest

TIMEOUT = 5
RETRIES = 3


def describe_timeout():
    return f"timeout={TIMEOUT}"


@pytest.fixture
def timeout_reader():
    return lambda: TIMEOUT


@pytest.fixture
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
def db_settings(db_conn):
    return lambda: {"timeout": TIMEOUT, "retries": RETRIES, "text": describe_timeout()}
