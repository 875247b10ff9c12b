# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from decimal import Decimal
from unittest import mock

import pytest
RATES = {"USD": "1.10", "GBP": "0.85"}  # conversion rates from EUR


# Mocks -------------------------------------------------------------------


@pytest.fixture
@memory_profile("mock rates", "LOW")
def mock_rates():
    provider = mock.Mock(name="rates")
    provider.rate.side_effect = lambda currency: Decimal(RATES[currency])
    return provider
