# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures and helpers; several tests import helpers from this module directly."""

from conftest_codemods_runtime import memory_profile

import itertools
import sqlite3

import pytest

DEFAULT_TIMEOUT = 5.0  # seconds; tests import this constant
_ids = itertools.count(1)  # private counter used by make_user


# ---- plain helpers (imported by tests) --------------------------------------


def make_user(name="alice", **extra):
    """Build a user dict the way the application does."""
    return {"id": next(_ids), "name": name, "active": True, **extra}


def helper():
    return "helped"


def open_db():
    """A fresh in-memory users database (tests call this directly too)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    return conn


# ---- fixtures ---------------------------------------------------------------


@pytest.fixture
@memory_profile("user", "MINIMAL")
def user():
    return make_user()


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn():
    conn = open_db()
    yield conn
    conn.close()
