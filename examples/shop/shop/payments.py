"""Payments: a gateway interface, a processor with retries, and an async variant."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Protocol

from shop.models import Order, OrderStatus


class PaymentDeclined(Exception):
    pass


class GatewayUnavailable(Exception):
    pass


@dataclass(frozen=True)
class Receipt:
    order_id: int
    transaction_id: str
    amount_cents: int
    currency: str


class PaymentGateway(Protocol):
    def charge(self, amount_cents: int, currency: str, reference: str) -> str: ...

    def refund(self, transaction_id: str) -> None: ...


class PaymentProcessor:
    def __init__(self, gateway: PaymentGateway, retries: int = 2) -> None:
        self.gateway = gateway
        self.retries = retries

    def pay(self, order: Order) -> Receipt:
        if order.status is not OrderStatus.PENDING:
            raise PaymentDeclined(f"order {order.id} is {order.status.value}")
        total = order.total
        for attempt in range(self.retries + 1):
            try:
                transaction = self.gateway.charge(total.cents, total.currency, f"order-{order.id}")
                break
            except GatewayUnavailable:
                if attempt == self.retries:
                    raise
        order.status = OrderStatus.PAID
        return Receipt(order.id, transaction, total.cents, total.currency)

    def refund(self, order: Order, receipt: Receipt) -> None:
        self.gateway.refund(receipt.transaction_id)
        order.status = OrderStatus.CANCELLED


class AsyncPaymentGateway(Protocol):
    async def charge(self, amount_cents: int, currency: str, reference: str) -> str: ...


async def pay_many(gateway: AsyncPaymentGateway, orders: list[Order]) -> list[Receipt]:
    """Charge several orders concurrently; every order that was charged becomes PAID."""

    async def one(order: Order) -> Receipt:
        total = order.total
        transaction = await gateway.charge(total.cents, total.currency, f"order-{order.id}")
        order.status = OrderStatus.PAID
        return Receipt(order.id, transaction, total.cents, total.currency)

    return list(await asyncio.gather(*(one(order) for order in orders)))
