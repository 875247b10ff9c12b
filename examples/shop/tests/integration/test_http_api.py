from __future__ import annotations

import urllib.error

import pytest

import shop

pytestmark = pytest.mark.integration


def test_health(http_client):
    assert http_client.get_json("/health") == {"status": "ok", "version": shop.__version__}


def test_list_products(http_client, products):
    rows = http_client.get_json("/api/products")
    assert [row["sku"] for row in rows] == sorted(product.sku for product in products)


@pytest.mark.parametrize(("sku", "stock"), [("BK-001", 12), ("ST-001", 500)])
def test_get_one_product(http_client, sku, stock):
    assert http_client.get_json(f"/api/products/{sku}")["stock"] == stock


def test_unknown_product_is_404(http_client):
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        http_client.get_json("/api/products/NOPE")
    assert excinfo.value.code == 404
    excinfo.value.close()


def test_post_an_order(http_client, db_repository, order_payload):
    # The order fixture's product is not in the sample data; order a sample product instead.
    payload = {**order_payload, "sku": "MG-001", "quantity": 2}
    created = http_client.post_json("/api/orders", payload)
    assert created == {"id": 1, "total_cents": 2500, "status": "pending"}
    assert db_repository.order_status(1) == "pending"


def test_order_for_an_unknown_sku_is_rejected(http_client, order_payload):
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        http_client.post_json("/api/orders", order_payload)
    assert excinfo.value.code == 422
    excinfo.value.close()


@pytest.mark.asyncio
async def test_health_from_async_code(api_health):
    assert api_health["status"] == "ok"
