from __future__ import annotations

import pytest

from shop.cart import Cart
from shop.models import OrderStatus
from shop.payments import PaymentDeclined

pytestmark = pytest.mark.integration


def test_checkout_pays_stores_and_confirms(
    checkout, filled_cart, customer, db_repository, fake_email_channel, mock_gateway
):
    order = checkout(filled_cart, customer)
    assert order.status is OrderStatus.PAID
    assert db_repository.order_status(order.id) == "paid"
    [message] = fake_email_channel
    assert message.to == customer.email
    mock_gateway.charge.assert_called_once()


def test_checkout_with_a_coupon(checkout, filled_cart, vip_customer, db, fake_email_channel):
    filled_cart.apply_coupon("VIP25")
    order = checkout(filled_cart, vip_customer)
    (total,) = db.execute("SELECT total_cents FROM orders WHERE id = ?", (order.id,)).fetchone()
    assert total == 5700 - 1425
    assert "Total: 42.75 EUR" in fake_email_channel[0].body


def test_failed_payment_stores_nothing(
    checkout, filled_cart, customer, mock_declining_gateway, db_repository, fake_email_channel
):
    with pytest.raises(PaymentDeclined):
        checkout(filled_cart, customer)
    assert db_repository.count_orders() == 0
    assert fake_email_channel == []


def test_several_checkouts_get_distinct_ids(
    checkout, product_factory, cart_factory, customer, db_repository
):
    orders = [checkout(cart_factory(product_factory(stock=5)), customer) for _ in range(3)]
    assert len({order.id for order in orders}) == 3
    assert db_repository.count_orders() == 3


@pytest.fixture
def cart_factory(default_currency):
    """A module-local fixture: a cart holding one unit of a product."""

    def make(product):
        cart = Cart(currency=default_currency)
        cart.add(product)
        return cart

    return make
