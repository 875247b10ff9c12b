import sqlite3
import subprocess
from unittest import mock

import pytest


def pytest_collection_modifyitems(config, items):
    """Skip e2e-marked tests unless -m chooses: a user hook that reads markers."""
    if config.getoption("markexpr"):
        return
    skip = pytest.mark.skip(reason="e2e-marked tests run only with -m")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@pytest.fixture
def settings():
    return {"db": ":memory:", "currency": "EUR"}


@pytest.fixture
def mock_mailer():
    return mock.Mock()


@pytest.fixture
def db(settings):
    connection = sqlite3.connect(settings["db"])
    yield connection
    connection.close()


@pytest.fixture
def launcher():
    return subprocess.list2cmdline(["app", "--serve"])
