"""Fixtures for the inventory suite."""

import os
import sqlite3
import sys
import warnings
from decimal import Decimal, ROUND_HALF_UP

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

os.environ.setdefault("INVENTORY_ENV", "test")
warnings.filterwarnings("ignore", category=ResourceWarning)
sys.path.insert(0, os.path.dirname(__file__))

TIMEOUT = 5
if sys.platform == "win32":  # process start-up is slower there
    TIMEOUT = 30

PRICE = Decimal("9.99")


@pytest.fixture
def price():
    return PRICE


@pytest.fixture
def timeout():
    return TIMEOUT


# conftest: services
@pytest.fixture
def database():
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()


# conftest: services
@pytest.fixture
def rounded_total(database):
    total = Decimal("1.005").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return total, tomllib is not None
