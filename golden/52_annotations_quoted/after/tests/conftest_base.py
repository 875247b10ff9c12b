# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import decimal


class Ledger:
    currency: str = "EUR"

    def __init__(self) -> None:
        self.entries = []

    def add(self, amount: "decimal.Decimal") -> None:
        self.entries.append(amount)


@pytest.fixture
@memory_profile("ledger", "MINIMAL")
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture
@memory_profile("amount", "MINIMAL")
def amount() -> "decimal.Decimal":
    import decimal
    return decimal.Decimal("2.50")
