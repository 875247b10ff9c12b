# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
    from .conftest_base import tomllib
else:
    from conftest_support import memory_profile
    from conftest_base import tomllib

import sqlite3
from decimal import Decimal, ROUND_HALF_UP

import pytest


# conftest: services
@pytest.fixture
@memory_profile("database", "MEDIUM")
def database():
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()


# conftest: services
@pytest.fixture
@memory_profile("rounded total", "MEDIUM")
def rounded_total(database):
    total = Decimal("1.005").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return total, tomllib is not None
