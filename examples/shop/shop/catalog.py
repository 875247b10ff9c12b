"""The product catalog: lookups, search and price formatting."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from shop.models import Money, Product

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


class UnknownProduct(KeyError):
    pass


class Catalog:
    def __init__(self, products: Iterable[Product] = ()) -> None:
        self._products: dict[str, Product] = {}
        for product in products:
            self.add(product)

    def add(self, product: Product) -> None:
        if product.sku in self._products:
            raise ValueError(f"duplicate sku {product.sku}")
        self._products[product.sku] = product

    def get(self, sku: str) -> Product:
        try:
            return self._products[sku]
        except KeyError:
            raise UnknownProduct(sku) from None

    def __len__(self) -> int:
        return len(self._products)

    def __iter__(self) -> Iterator[Product]:
        return iter(sorted(self._products.values(), key=lambda product: product.sku))

    def search(self, text: str) -> list[Product]:
        needle = text.casefold()
        return [product for product in self if needle in product.name.casefold()]

    def in_category(self, category: str) -> list[Product]:
        return [product for product in self if product.category == category]

    def available(self) -> list[Product]:
        return [product for product in self if product.in_stock]


def format_price(price: Money) -> str:
    symbol = CURRENCY_SYMBOLS.get(price.currency)
    amount = f"{price.cents / 100:,.2f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {price.currency}"
