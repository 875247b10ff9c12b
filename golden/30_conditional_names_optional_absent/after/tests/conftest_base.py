# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""An optional plugin that is not installed here, and names bound in branches."""

from conftest_codemods_runtime import memory_profile

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
@memory_profile("plugin flag", "MINIMAL")
def plugin_flag():
    return HAVE_PLUGIN


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
@memory_profile("db settings", "MINIMAL")
def db_settings(db_conn):
    # Reads names bound only in one branch: the services layer must not import them.
    if HAVE_PLUGIN:
        return PLUGIN_SETTINGS
    return {"name": DEFAULT_NAME, "connected": db_conn is not None}


@pytest.fixture
@memory_profile("db platform", "MINIMAL")
def db_platform(db_conn):
    return PLATFORM_ONLY  # NameError in the monolith too
