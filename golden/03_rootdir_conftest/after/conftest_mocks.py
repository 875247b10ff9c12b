# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
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
