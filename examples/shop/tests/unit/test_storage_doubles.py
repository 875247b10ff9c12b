"""Storage code against fakes: a frozen clock, a patched urllib and an in-memory repository."""

from __future__ import annotations

import json

import pytest

from shop.storage import CacheClient, HttpClient


def test_cache_entries_expire_after_the_ttl(fake_cache, fake_clock):
    fake_cache.set("catalog", ["MG-001"])
    fake_clock.advance(59)
    assert fake_cache.get("catalog") == ["MG-001"]
    fake_clock.advance(1)
    assert fake_cache.get("catalog") is None
    assert (fake_cache.hits, fake_cache.misses) == (1, 1)


@pytest.mark.parametrize("ttl", [0.5, 3600])
def test_cache_per_key_ttl(fake_clock, ttl):
    cache = CacheClient(ttl=1, clock=fake_clock)
    cache.set("key", "value", ttl=ttl)
    fake_clock.advance(ttl - 0.1)
    assert cache.get("key") == "value"
    fake_clock.advance(0.2)
    assert cache.get("key", "gone") == "gone"


def test_cache_delete_and_flush(fake_cache):
    fake_cache.set("a", 1)
    fake_cache.set("b", 2)
    fake_cache.delete("a")
    assert len(fake_cache) == 1
    fake_cache.flush()
    assert len(fake_cache) == 0


def test_http_client_get_json(mock_urlopen):
    client = HttpClient("http://shop.invalid/", timeout=2)
    assert client.get_json("/health") == {"status": "ok"}
    request = mock_urlopen.call_args.args[0]
    assert (request.full_url, request.get_method()) == ("http://shop.invalid/health", "GET")
    assert mock_urlopen.call_args.kwargs == {"timeout": 2}


def test_http_client_post_json_sends_the_payload(mock_urlopen, order_payload):
    HttpClient("http://shop.invalid").post_json("/api/orders", order_payload)
    request = mock_urlopen.call_args.args[0]
    assert request.get_method() == "POST"
    assert json.loads(request.data) == order_payload


def test_code_that_takes_a_client(mock_http_client, products):
    skus = [row["sku"] for row in mock_http_client.get_json("/api/products")]
    assert skus == [product.sku for product in products]


def test_repository_knows_the_sample_products(repository, products):
    assert [product.sku for product in repository.list_products()] == sorted(
        p.sku for p in products
    )
    assert repository.get_product("MG-001") == products[2]
    assert repository.get_product("NOPE") is None


def test_repository_stores_orders(repository, order):
    repository.save_order(order)
    assert repository.order_status(order.id) == "pending"
    assert repository.count_orders() == 1
