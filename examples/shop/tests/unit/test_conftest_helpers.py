"""The helpers in conftest.py are part of the suite's API: other tests build on them."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_PRODUCTS, InMemoryRepository, OrderBuilder, assert_money, make_product

from shop.models import OrderStatus


def test_make_product_hands_out_fresh_skus():
    first, second = make_product(), make_product()
    assert first.sku != second.sku
    assert first.sku.startswith("SKU-")


def test_make_product_keeps_an_explicit_sku():
    assert make_product(sku="FIXED-1").sku == "FIXED-1"


def test_order_builder_chain(customer):
    widget = make_product(price_cents=400)
    order = (
        OrderBuilder(order_id=7)
        .for_customer(customer)
        .with_item(widget, 3)
        .with_discount(200)
        .with_status(OrderStatus.SHIPPED)
        .build()
    )
    assert (order.id, order.status, order.customer) == (7, OrderStatus.SHIPPED, customer)
    assert_money(order.total, 1000)


def test_assert_money_explains_a_mismatch():
    with pytest.raises(AssertionError, match="10.00 EUR != 999 EUR"):
        assert_money(make_product().price, 999)


def test_sample_products_have_unique_skus():
    skus = [record["sku"] for record in SAMPLE_PRODUCTS]
    assert len(skus) == len(set(skus))


def test_in_memory_repository_round_trip(order):
    repo = InMemoryRepository()
    repo.save_order(order)
    assert (repo.count_orders(), repo.order_status(order.id)) == (1, "pending")
    repo.clear()
    assert repo.order_status(order.id) is None
