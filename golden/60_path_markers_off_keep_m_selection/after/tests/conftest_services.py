# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest


@pytest.fixture
@memory_profile("db", "MEDIUM")
def db(settings):
    connection = sqlite3.connect(settings["db"])
    yield connection
    connection.close()
