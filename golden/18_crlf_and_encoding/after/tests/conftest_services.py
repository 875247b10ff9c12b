# -*- coding: latin-1 -*-
# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

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
