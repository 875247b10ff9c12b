"""Shopping carts: quantities, coupons, tax and checkout into an order."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from shop.models import Customer, LineItem, Money, Order, Product

# code -> (kind, amount): "percent" takes a percentage off, "fixed" takes cents off.
COUPONS: dict[str, tuple[str, int]] = {
    "WELCOME10": ("percent", 10),
    "FIVEOFF": ("fixed", 500),
    "VIP25": ("percent", 25),
}


class CartError(Exception):
    pass


class Cart:
    def __init__(self, currency: str = "EUR") -> None:
        self.currency = currency
        self._quantities: dict[str, int] = {}
        self._products: dict[str, Product] = {}
        self.coupon: str | None = None

    def add(self, product: Product, quantity: int = 1) -> None:
        if quantity < 1:
            raise CartError("quantity must be at least 1")
        if product.price.currency != self.currency:
            raise CartError(f"{product.sku} is priced in {product.price.currency}")
        wanted = self._quantities.get(product.sku, 0) + quantity
        if wanted > product.stock:
            raise CartError(f"only {product.stock} of {product.sku} in stock")
        self._products[product.sku] = product
        self._quantities[product.sku] = wanted

    def remove(self, sku: str) -> None:
        self._quantities.pop(sku, None)
        self._products.pop(sku, None)

    @property
    def items(self) -> list[LineItem]:
        return [LineItem(self._products[sku], qty) for sku, qty in sorted(self._quantities.items())]

    def __len__(self) -> int:
        return sum(self._quantities.values())

    @property
    def subtotal(self) -> Money:
        return Money(sum(item.total.cents for item in self.items), self.currency)

    def apply_coupon(self, code: str) -> None:
        if code.upper() not in COUPONS:
            raise CartError(f"unknown coupon {code!r}")
        self.coupon = code.upper()

    @property
    def discount(self) -> Money:
        if self.coupon is None:
            return Money(0, self.currency)
        kind, amount = COUPONS[self.coupon]
        subtotal = self.subtotal.cents
        cents = subtotal * amount // 100 if kind == "percent" else min(amount, subtotal)
        return Money(cents, self.currency)

    def tax(self, rate: Decimal) -> Money:
        taxable = Decimal(self.subtotal.cents - self.discount.cents)
        return Money(int((taxable * rate).quantize(Decimal(1), ROUND_HALF_UP)), self.currency)

    def total(self, tax_rate: Decimal = Decimal(0)) -> Money:
        net = self.subtotal.cents - self.discount.cents
        return Money(net + self.tax(tax_rate).cents, self.currency)

    def checkout(self, customer: Customer, order_id: int) -> Order:
        if not self._quantities:
            raise CartError("cannot check out an empty cart")
        discount = self.discount if self.coupon else None
        return Order(id=order_id, customer=customer, items=self.items, discount=discount)
