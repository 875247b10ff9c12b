# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures of the payments suite."""

from conftest_codemods_runtime import memory_profile

import pytest

CURRENCY = "EUR"


@pytest.fixture
@memory_profile("config", "MINIMAL")
def config():
    return {"currency": CURRENCY, "retries": 2}
