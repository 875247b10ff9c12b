from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_cache_uses_the_configured_ttl(cache, settings):
    assert cache.ttl == settings.cache_ttl_seconds


def test_set_and_get(cache):
    cache.set("product:MG-001", {"stock": 40})
    assert cache.get("product:MG-001") == {"stock": 40}
    assert cache.hits == 1


def test_cache_is_flushed_between_tests(cache):
    assert len(cache) == 0
    assert cache.get("product:MG-001") is None


def test_caching_catalog_reads(cache, seeded_repository):
    def load(sku):
        cached = cache.get(f"product:{sku}")
        if cached is None:
            cached = seeded_repository.get_product(sku)
            cache.set(f"product:{sku}", cached)
        return cached

    assert load("BK-001") == load("BK-001")
    assert (cache.hits, cache.misses) == (1, 1)
