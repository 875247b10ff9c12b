import decimal
import fractions

import pytest


class Ledger:
    currency: str = "EUR"

    def __init__(self) -> None:
        self.entries = []

    def add(self, amount: decimal.Decimal) -> None:
        self.entries.append(amount)


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture
def amount() -> decimal.Decimal:
    return decimal.Decimal("2.50")


# conftest: services
@pytest.fixture
def share(amount: decimal.Decimal) -> fractions.Fraction:
    return fractions.Fraction(int(amount * 2), 10)
