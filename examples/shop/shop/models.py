"""Domain objects. Prices are integer cents; a currency travels with every amount."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timezone


class OrderStatus(enum.Enum):
    PENDING = "pending"
    PAID = "paid"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Money:
    cents: int
    currency: str = "EUR"

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.cents + other.cents, self.currency)

    def times(self, quantity: int) -> Money:
        return Money(self.cents * quantity, self.currency)

    def __str__(self) -> str:
        return f"{self.cents / 100:.2f} {self.currency}"


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: Money
    category: str = "misc"
    stock: int = 0

    @property
    def in_stock(self) -> bool:
        return self.stock > 0


@dataclass(frozen=True)
class Address:
    street: str
    city: str
    postcode: str
    country: str = "DE"


@dataclass
class Customer:
    id: int
    email: str
    name: str
    address: Address | None = None
    vip: bool = False


@dataclass(frozen=True)
class LineItem:
    product: Product
    quantity: int = 1

    @property
    def total(self) -> Money:
        return self.product.price.times(self.quantity)


@dataclass
class Order:
    id: int
    customer: Customer
    items: list[LineItem] = field(default_factory=list)
    status: OrderStatus = OrderStatus.PENDING
    discount: Money | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def currency(self) -> str:
        return self.items[0].product.price.currency if self.items else "EUR"

    @property
    def subtotal(self) -> Money:
        total = Money(0, self.currency)
        for item in self.items:
            total = total + item.total
        return total

    @property
    def total(self) -> Money:
        subtotal = self.subtotal
        if self.discount is None:
            return subtotal
        return Money(max(subtotal.cents - self.discount.cents, 0), subtotal.currency)
