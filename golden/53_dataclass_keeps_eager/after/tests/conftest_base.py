# conftest-codemods: base layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

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
