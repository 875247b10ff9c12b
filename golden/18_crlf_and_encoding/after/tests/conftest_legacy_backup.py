# -*- coding: latin-1 -*-
"""Fixtures for the café loyalty programme (this file is latin-1 with CRLF endings)."""

import sqlite3
from unittest import mock

import pytest

CURRENCY_SIGN = "£"  # pound sign, one latin-1 byte (0xA3)
GREETING = "Grüß Gott"  # the till greets in German


# --- base: customers -------------------------------------------------------


@pytest.fixture
def customer_name():
    # Jürgen Müller is our oldest customer (à la carte since 1998)
    return "Jürgen Müller"


@pytest.fixture
def receipt(customer_name):
    return f"{GREETING}, {customer_name}: 3,50 {CURRENCY_SIGN}"


# --- mocks: the card terminal ----------------------------------------------


@pytest.fixture
def mock_terminal():
    terminal = mock.Mock(name="terminal")
    terminal.display.return_value = "Carte acceptée"  # French terminal firmware
    return terminal


# --- services: the loyalty database -----------------------------------------


@pytest.fixture
def db_conn(customer_name):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE points (customer TEXT, points INTEGER)")
    conn.execute("INSERT INTO points VALUES (?, ?)", (customer_name, 120))
    yield conn
    conn.close()  # ¡adíos!
