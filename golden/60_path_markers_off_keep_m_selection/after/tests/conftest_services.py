# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import sqlite3

import pytest


@pytest.fixture
@memory_profile("db", "MEDIUM")
def db(settings):
    connection = sqlite3.connect(settings["db"])
    yield connection
    connection.close()
