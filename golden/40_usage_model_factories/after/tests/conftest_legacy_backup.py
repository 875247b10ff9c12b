"""Fixtures of the bookstore suite: model factories, a mailer double and the SQLite store."""

import sqlite3
from unittest import mock

import pytest

from bookstore.models import Book, Customer, Order
from bookstore.store import OrderStore

PRICES = {"dune": 1299, "emma": 899}


def make_book(title, price_cents=None):
    """A book with a made-up ISBN."""
    return Book(f"isbn-{title}", title, PRICES.get(title, 500) if price_cents is None else price_cents)


@pytest.fixture
def book_factory():
    return make_book


@pytest.fixture
def book(book_factory, request):
    title = getattr(request, "param", "dune")
    return book_factory(title)


@pytest.fixture
def customer():
    return Customer("Ada", "ada@example.org")


@pytest.fixture
def order(customer, book):
    return Order(customer, [book])


@pytest.fixture
def mock_mailer():
    return mock.Mock(name="mailer")


@pytest.fixture
def receipt_text(order):
    return f"{order.customer.name}: {order.total_cents}"


@pytest.fixture
def gift_wrap():
    return "ribbon"


@pytest.fixture
def db_connection(tmp_path):
    connection = sqlite3.connect(tmp_path / "orders.db")
    yield connection
    connection.close()


@pytest.fixture
def order_store(db_connection):
    return OrderStore(db_connection)
