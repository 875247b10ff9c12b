"""Fixtures for the cache tests."""

import sqlite3

import pytest

# Optional: the cache fixtures skip where fakecache is not installed.
try:
    import fakecache
    HAS_FAKECACHE = True
except ImportError:
    fakecache = None
    HAS_FAKECACHE = False


@pytest.fixture
def fake_cache():
    if fakecache is None:
        pytest.skip("fakecache is not installed")
    return fakecache.Cache()


@pytest.fixture
def cache_available():
    return HAS_FAKECACHE


@pytest.fixture
def db_conn(tmp_path):
    connection = sqlite3.connect(tmp_path / "cache.db")
    yield connection
    connection.close()
