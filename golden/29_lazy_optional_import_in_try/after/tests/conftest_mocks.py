# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import fakecache

import pytest


@pytest.fixture
@memory_profile("fake cache", "LOW")
def fake_cache():
    if fakecache is None:
        pytest.skip("fakecache is not installed")
    return fakecache.Cache()
