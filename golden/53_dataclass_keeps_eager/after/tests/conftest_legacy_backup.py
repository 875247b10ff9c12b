import dataclasses
import decimal

import pytest


@dataclasses.dataclass
class Price:
    amount: decimal.Decimal
    currency: str = "EUR"


@pytest.fixture
def price() -> Price:
    return Price(decimal.Decimal("1.00"))
