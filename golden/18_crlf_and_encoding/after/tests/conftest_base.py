# -*- coding: latin-1 -*-
# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures for the café loyalty programme (this file is latin-1 with CRLF endings)."""

from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

CURRENCY_SIGN = "£"  # pound sign, one latin-1 byte (0xA3)
GREETING = "Grüß Gott"  # the till greets in German


# --- base: customers -------------------------------------------------------


@pytest.fixture
@memory_profile("customer name", "MINIMAL")
def customer_name():
    # Jürgen Müller is our oldest customer (à la carte since 1998)
    return "Jürgen Müller"


@pytest.fixture
@memory_profile("receipt", "MINIMAL")
def receipt(customer_name):
    return f"{GREETING}, {customer_name}: 3,50 {CURRENCY_SIGN}"


# --- services: the loyalty database -----------------------------------------


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn(customer_name):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE points (customer TEXT, points INTEGER)")
    conn.execute("INSERT INTO points VALUES (?, ?)", (customer_name, 120))
    yield conn
    conn.close()  # ¡adíos!
