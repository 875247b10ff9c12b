from __future__ import annotations

import pytest

from shop.cart import Cart, CartError
from shop.models import Money


def test_new_cart_is_empty(cart):
    assert len(cart) == 0
    assert cart.subtotal == Money(0, "EUR")


def test_adding_the_same_product_twice_adds_up(cart, product):
    cart.add(product)
    cart.add(product, 2)
    assert len(cart) == 3
    assert cart.items[0].quantity == 3


def test_quantity_must_be_positive(cart, product):
    with pytest.raises(CartError, match="at least 1"):
        cart.add(product, 0)


def test_cannot_add_more_than_the_stock(cart, expensive_product):
    cart.add(expensive_product, 2)
    with pytest.raises(CartError, match="only 2"):
        cart.add(expensive_product)


def test_out_of_stock_product_cannot_be_added(cart, out_of_stock_product):
    with pytest.raises(CartError):
        cart.add(out_of_stock_product)


def test_currency_mismatch_is_rejected(cart, product_factory):
    with pytest.raises(CartError, match="priced in USD"):
        cart.add(product_factory(currency="USD"))


def test_carts_in_every_currency(currency, product_factory):
    cart = Cart(currency=currency)
    cart.add(product_factory(currency=currency, price_cents=500), 3)
    assert cart.subtotal == Money(1500, currency)


def test_remove(filled_cart):
    filled_cart.remove("MG-001")
    assert [item.product.sku for item in filled_cart.items] == ["BK-001"]


def test_filled_cart_subtotal(filled_cart):
    assert filled_cart.subtotal == Money(2 * 1250 + 3200, "EUR")


def test_every_coupon_gives_a_discount(filled_cart, coupon_code):
    filled_cart.apply_coupon(coupon_code)
    assert 0 < filled_cart.discount.cents < filled_cart.subtotal.cents


def test_percent_coupon(filled_cart):
    filled_cart.apply_coupon("welcome10")
    assert filled_cart.discount == Money(570, "EUR")


def test_fixed_coupon_is_capped_at_the_subtotal(cart, cheap_product):
    cart.add(cheap_product)
    cart.apply_coupon("FIVEOFF")
    assert cart.discount.cents == cheap_product.price.cents


def test_unknown_coupon(cart):
    with pytest.raises(CartError, match="unknown coupon"):
        cart.apply_coupon("FREESTUFF")


def test_tax_is_charged_after_the_discount(filled_cart, tax_rate):
    filled_cart.apply_coupon("FIVEOFF")
    net = filled_cart.subtotal.cents - 500
    assert filled_cart.tax(tax_rate).cents == round(net * tax_rate)
    assert filled_cart.total(tax_rate).cents == net + filled_cart.tax(tax_rate).cents


def test_default_tax_rate(filled_cart, default_tax_rate):
    assert filled_cart.total(default_tax_rate) == Money(5700 + 1083, "EUR")


def test_checkout_builds_an_order(filled_cart, any_customer, next_order_id):
    order = filled_cart.checkout(any_customer, next_order_id())
    assert order.customer is any_customer
    assert order.total == filled_cart.subtotal
    assert order.discount is None


def test_checkout_keeps_the_coupon(filled_cart, customer):
    filled_cart.apply_coupon("VIP25")
    order = filled_cart.checkout(customer, 1)
    assert order.total == Money(5700 - 1425, "EUR")


def test_empty_cart_cannot_check_out(cart, customer):
    with pytest.raises(CartError, match="empty cart"):
        cart.checkout(customer, 1)
