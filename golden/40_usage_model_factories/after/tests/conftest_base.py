# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures of the bookstore suite: model factories, a mailer double and the SQLite store."""

from conftest_codemods_runtime import memory_profile

import pytest

from bookstore.models import Book, Customer, Order

PRICES = {"dune": 1299, "emma": 899}


def make_book(title, price_cents=None):
    """A book with a made-up ISBN."""
    return Book(f"isbn-{title}", title, PRICES.get(title, 500) if price_cents is None else price_cents)


@pytest.fixture
@memory_profile("book factory", "MINIMAL")
def book_factory():
    return make_book


@pytest.fixture
@memory_profile("book", "MINIMAL")
def book(book_factory, request):
    title = getattr(request, "param", "dune")
    return book_factory(title)


@pytest.fixture
@memory_profile("customer", "MINIMAL")
def customer():
    return Customer("Ada", "ada@example.org")


@pytest.fixture
@memory_profile("order", "MINIMAL")
def order(customer, book):
    return Order(customer, [book])


@pytest.fixture
@memory_profile("receipt text", "MINIMAL")
def receipt_text(order):
    return f"{order.customer.name}: {order.total_cents}"


@pytest.fixture
@memory_profile("gift wrap", "MINIMAL")
def gift_wrap():
    return "ribbon"
