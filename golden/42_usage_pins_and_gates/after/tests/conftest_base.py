# conftest-codemods: base layer of conftest.py, always loaded.
"""Fixtures of the payments suite."""

if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import pytest

CURRENCY = "EUR"


@pytest.fixture
@memory_profile("config", "MINIMAL")
def config():
    return {"currency": CURRENCY, "retries": 2}
