# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures for the cache tests."""

from conftest_codemods_runtime import memory_profile

import pytest

from conftest_codemods_runtime import lazy_module as _lazy_module

# Optional: the cache fixtures skip where fakecache is not installed.
try:
    fakecache = _lazy_module("fakecache")
    HAS_FAKECACHE = True
except ImportError:
    fakecache = None
    HAS_FAKECACHE = False


@pytest.fixture
@memory_profile("cache available", "MINIMAL")
def cache_available():
    return HAS_FAKECACHE
