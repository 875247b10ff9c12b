# -*- coding: latin-1 -*-
# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import sqlite3

import pytest


# --- services: the loyalty database -----------------------------------------


@pytest.fixture
@memory_profile("db conn", "MEDIUM")
def db_conn(customer_name):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE points (customer TEXT, points INTEGER)")
    conn.execute("INSERT INTO points VALUES (?, ?)", (customer_name, 120))
    yield conn
    conn.close()  # ¡adíos!
