# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import legacy_units
import pytest


# conftest: base
@pytest.fixture
@memory_profile("weight", "MINIMAL")
def weight():
    return legacy_units.to_grams(2)


@pytest.fixture
@memory_profile("amount", "MINIMAL")
def amount():
    import decimal
    return decimal.Decimal("2.50")
