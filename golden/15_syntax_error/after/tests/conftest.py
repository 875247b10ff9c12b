"""A conftest that does not parse: the tool must refuse it and write nothing."""

import sqlite3
from unittest import mock

import pytest


DEFAULT_ENV = "test"  # the only environment these tests know


def pytest_configure(config):
    config.addinivalue_line("markers", "integration: needs the database")


@pytest.fixture
def settings():
    return {"env": DEFAULT_ENV}


@pytest.fixture
def mock_api():
    return mock.Mock(name="api")


# the next definition is broken on purpose
def broken(:
    return None


@pytest.fixture
def db_conn():
    conn = sqlite3.connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def e2e_launcher():
    # never reached: the module above does not compile
    return None
