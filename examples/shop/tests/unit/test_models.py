from __future__ import annotations

import pytest

from shop.models import Money, Order, OrderStatus


def test_money_adds_amounts_of_the_same_currency(money_factory):
    assert money_factory(250) + money_factory(1000) == Money(1250, "EUR")


def test_money_refuses_to_mix_currencies(money_factory):
    with pytest.raises(ValueError, match="cannot add USD to EUR"):
        money_factory(100) + money_factory(100, "USD")


def test_money_times_quantity(currency):
    assert Money(199, currency).times(3) == Money(597, currency)


@pytest.mark.parametrize(
    ("cents", "text"),
    [(5, "0.05 EUR"), (1999, "19.99 EUR"), (100000, "1000.00 EUR")],
)
def test_money_str(cents, text):
    assert str(Money(cents)) == text


def test_product_in_stock(product, out_of_stock_product):
    assert product.in_stock
    assert not out_of_stock_product.in_stock


def test_order_subtotal_sums_line_items(order, product):
    assert order.subtotal == product.price.times(2)


def test_order_total_applies_discount(order_builder, product):
    order = order_builder.with_item(product, 1).with_discount(500).build()
    assert order.total.cents == product.price.cents - 500


def test_order_total_never_goes_negative(order_builder, cheap_product):
    order = order_builder.with_item(cheap_product).with_discount(10_000).build()
    assert order.total.cents == 0


def test_order_currency_follows_its_items(order_builder, product_factory):
    order = order_builder.with_item(product_factory(currency="GBP")).build()
    assert order.currency == "GBP"
    assert order.total.currency == "GBP"


def test_empty_order_defaults_to_euro(customer):
    order = Order(id=1, customer=customer)
    assert order.currency == "EUR"
    assert order.total == Money(0, "EUR")


def test_new_orders_are_pending(order):
    assert order.status is OrderStatus.PENDING


def test_order_builder_uses_the_frozen_clock(order, frozen_now):
    assert order.created_at == frozen_now
