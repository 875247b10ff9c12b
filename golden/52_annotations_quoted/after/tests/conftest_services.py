# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
from __future__ import annotations

if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

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
