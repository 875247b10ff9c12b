# conftest-codemods: mocks layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
    from .conftest_base import RATES
else:
    from conftest_support import memory_profile
    from conftest_base import RATES

from decimal import Decimal
from unittest import mock

import pytest


# Mocks -------------------------------------------------------------------


@pytest.fixture
@memory_profile("mock rates", "LOW")
def mock_rates():
    provider = mock.Mock(name="rates")
    provider.rate.side_effect = lambda currency: Decimal(RATES[currency])
    return provider
