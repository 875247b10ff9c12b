# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures for the inventory suite."""

from conftest_codemods_runtime import memory_profile

import os
import sys
import warnings
from decimal import Decimal

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

os.environ.setdefault("INVENTORY_ENV", "test")
warnings.filterwarnings("ignore", category=ResourceWarning)
sys.path.insert(0, os.path.dirname(__file__))

TIMEOUT = 5
if sys.platform == "win32":  # process start-up is slower there
    TIMEOUT = 30

PRICE = Decimal("9.99")


@pytest.fixture
@memory_profile("price", "MINIMAL")
def price():
    return PRICE


@pytest.fixture
@memory_profile("timeout", "MINIMAL")
def timeout():
    return TIMEOUT
