# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
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
