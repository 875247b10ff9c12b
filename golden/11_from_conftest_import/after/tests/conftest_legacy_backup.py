"""Fixtures and helpers; several tests import helpers from this module directly."""

import itertools
import sqlite3
from unittest import mock

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


class FakeMailer:
    def __init__(self):
        self.outbox = []

    def send(self, to, subject):
        self.outbox.append((to, subject))


# ---- fixtures ---------------------------------------------------------------


@pytest.fixture
def user():
    return make_user()


@pytest.fixture
def fake_mailer():
    return FakeMailer()


@pytest.fixture
def mock_smtp():
    with mock.patch("smtplib.SMTP", autospec=True) as smtp:
        yield smtp


@pytest.fixture
def db_conn():
    conn = open_db()
    yield conn
    conn.close()
