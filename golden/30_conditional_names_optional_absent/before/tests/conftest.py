"""An optional plugin that is not installed here, and names bound in branches."""

import sqlite3
import sys

import pytest

try:
    from conftest_codemods_absent_plugin import PLUGIN_SETTINGS  # never installed
    HAVE_PLUGIN = True
except ImportError:
    HAVE_PLUGIN = False

if sys.platform == "conftest-codemods-never":
    PLATFORM_ONLY = "bound only on a platform that does not exist"
else:
    DEFAULT_NAME = "fallback"


@pytest.fixture
def plugin_flag():
    return HAVE_PLUGIN


@pytest.fixture
def display_name():
    return DEFAULT_NAME


@pytest.fixture
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
def db_settings(db_conn):
    # Reads names bound only in one branch, which the base layer binds (or not): the
    # services layer, loaded later, must not import them.
    if HAVE_PLUGIN:
        return PLUGIN_SETTINGS
    return {"name": DEFAULT_NAME, "connected": db_conn is not None}


@pytest.fixture
def db_platform(db_conn):
    return PLATFORM_ONLY  # NameError in the monolith too
