from __future__ import annotations

from dataclasses import replace

import pytest

from shop.models import OrderStatus
from shop.payments import GatewayUnavailable, PaymentDeclined, PaymentProcessor, pay_many


def test_pay_charges_the_order_total(payment_processor, mock_gateway, order):
    receipt = payment_processor.pay(order)
    mock_gateway.charge.assert_called_once_with(order.total.cents, "EUR", f"order-{order.id}")
    assert receipt.transaction_id == "txn-0001"
    assert order.status is OrderStatus.PAID


def test_declined_payment_leaves_the_order_pending(
    payment_processor, mock_declining_gateway, order
):
    with pytest.raises(PaymentDeclined):
        payment_processor.pay(order)
    assert order.status is OrderStatus.PENDING


def test_unavailable_gateway_is_retried(payment_processor, mock_flaky_gateway, order):
    receipt = payment_processor.pay(order)
    assert mock_flaky_gateway.charge.call_count == 2
    assert receipt.transaction_id == "txn-0002"


@pytest.mark.parametrize("retries", [0, 2])
def test_gives_up_after_the_retries(mock_down_gateway, order, retries):
    with pytest.raises(GatewayUnavailable):
        PaymentProcessor(mock_down_gateway, retries=retries).pay(order)
    assert mock_down_gateway.charge.call_count == retries + 1


def test_paid_orders_cannot_be_paid_again(payment_processor, paid_order):
    with pytest.raises(PaymentDeclined, match="is paid"):
        payment_processor.pay(paid_order)


def test_refund_cancels_the_order(payment_processor, mock_gateway, order):
    receipt = payment_processor.pay(order)
    payment_processor.refund(order, receipt)
    mock_gateway.refund.assert_called_once_with("txn-0001")
    assert order.status is OrderStatus.CANCELLED


def test_receipt_carries_amount_and_currency(payment_processor, order_builder, product_factory):
    order = order_builder.with_item(product_factory(currency="USD", price_cents=700), 3).build()
    receipt = payment_processor.pay(order)
    assert (receipt.amount_cents, receipt.currency) == (2100, "USD")


@pytest.mark.asyncio
async def test_pay_many_charges_every_order(fake_async_gateway, order):
    second = replace(order, id=order.id + 1, items=list(order.items))
    receipts = await pay_many(fake_async_gateway, [order, second])
    assert [receipt.order_id for receipt in receipts] == [order.id, second.id]
    assert len(fake_async_gateway.charges) == 2
    assert order.status is second.status is OrderStatus.PAID


@pytest.mark.asyncio
async def test_pay_many_with_an_async_mock(mock_async_gateway, order):
    [receipt] = await pay_many(mock_async_gateway, [order])
    assert receipt.transaction_id == f"txn-order-{order.id}"
    mock_async_gateway.charge.assert_awaited_once()
