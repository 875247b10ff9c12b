# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import TIMEOUT
    from conftest_mocks import RETRIES, describe_timeout

import sqlite3

import pytest


@pytest.fixture
@memory_profile("db conn", "MEDIUM")
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db settings", "MEDIUM")
def db_settings(db_conn):
    return lambda: {"timeout": TIMEOUT, "retries": RETRIES, "text": describe_timeout()}
