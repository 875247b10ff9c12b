# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import dataclasses
import decimal

import pytest


@dataclasses.dataclass
class Price:
    amount: decimal.Decimal
    currency: str = "EUR"


@pytest.fixture
@memory_profile("price", "MINIMAL")
def price() -> Price:
    return Price(decimal.Decimal("1.00"))
