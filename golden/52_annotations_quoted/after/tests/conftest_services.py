# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from __future__ import annotations

from conftest_codemods_runtime import memory_profile

import pytest
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import decimal
    import fractions


# conftest: services
@pytest.fixture
@memory_profile("share", "MEDIUM")
def share(amount: decimal.Decimal) -> fractions.Fraction:
    import fractions
    return fractions.Fraction(int(amount * 2), 10)
