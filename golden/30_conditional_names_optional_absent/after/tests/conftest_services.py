# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import DEFAULT_NAME, HAVE_PLUGIN, PLATFORM_ONLY, PLUGIN_SETTINGS

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
    # Reads names bound only in one branch, which the base layer binds (or not): the
    # services layer, loaded later, must not import them.
    if HAVE_PLUGIN:
        return PLUGIN_SETTINGS
    return {"name": DEFAULT_NAME, "connected": db_conn is not None}


@pytest.fixture
@memory_profile("db platform", "MEDIUM")
def db_platform(db_conn):
    return PLATFORM_ONLY  # NameError in the monolith too
