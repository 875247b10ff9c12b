"""Fixtures for the invoice tests."""

import json
import sqlite3
import xml.dom.minidom as minidom
from decimal import Decimal
from fractions import Fraction
from unittest import mock

import pytest

# Serialisers the tests pick by name: the module object is stored while the conftest loads.
FORMATS = {"json": json}


@pytest.fixture
def amount():
    """An invoice amount."""
    return Decimal("12.50")


@pytest.fixture(params=[Fraction(1, 4), Fraction(1, 2)], ids=["quarter", "half"])
def discount(request):
    return request.param


@pytest.fixture
def invoice_xml(amount):
    return minidom.parseString(f"<invoice amount='{amount}'/>")


@pytest.fixture
def mock_mailer():
    mailer = mock.Mock()
    mailer.render.side_effect = lambda payload: json.dumps(payload, sort_keys=True)
    return mailer


@pytest.fixture
def db_conn(tmp_path):
    connection = sqlite3.connect(tmp_path / "ledger.db")
    connection.execute("create table invoices (amount text)")
    yield connection
    connection.close()


@pytest.fixture
def ledger(db_conn, amount):
    db_conn.execute("insert into invoices values (?)", (str(amount),))
    return [Decimal(row[0]) for row in db_conn.execute("select amount from invoices")]
