import decimal

import legacy_units
import pytest


# conftest: base
@pytest.fixture
def weight():
    return legacy_units.to_grams(2)


@pytest.fixture
def amount():
    return decimal.Decimal("2.50")
