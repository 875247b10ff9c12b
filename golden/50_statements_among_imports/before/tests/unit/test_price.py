import os
from decimal import Decimal


def test_price(price):
    assert price == Decimal("9.99")


def test_timeout(timeout):
    assert timeout in (5, 30)


def test_environment_was_set_at_start_up():
    assert os.environ["INVENTORY_ENV"] == "test"
