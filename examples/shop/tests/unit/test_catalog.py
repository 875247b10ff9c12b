from __future__ import annotations

import pytest

from shop.catalog import UnknownProduct, format_price
from shop.models import Money


def test_catalog_holds_every_sample_product(catalog, products):
    assert len(catalog) == len(products)


def test_catalog_iterates_in_sku_order(catalog):
    skus = [product.sku for product in catalog]
    assert skus == sorted(skus)


def test_get_returns_the_product(catalog):
    assert catalog.get("MG-001").name == "Green Bar Mug"


def test_get_unknown_sku_raises(catalog):
    with pytest.raises(UnknownProduct):
        catalog.get("NOPE-1")


def test_duplicate_sku_is_rejected(catalog, products):
    with pytest.raises(ValueError, match="duplicate sku"):
        catalog.add(products[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("mug", ["MG-001", "MG-002"]), ("PYTEST", ["BK-001"]), ("nothing", [])],
    ids=["several", "case-insensitive", "none"],
)
def test_search_by_name(catalog, text, expected):
    assert [product.sku for product in catalog.search(text)] == expected


def test_in_category(catalog):
    assert {product.sku for product in catalog.in_category("books")} == {"BK-001", "BK-002"}


def test_available_skips_products_without_stock(catalog):
    assert "BK-002" not in {product.sku for product in catalog.available()}


def test_empty_catalog(empty_catalog, product):
    assert list(empty_catalog) == []
    empty_catalog.add(product)
    assert empty_catalog.get(product.sku) is product


@pytest.mark.parametrize(
    ("price", "text"),
    [
        (Money(1999, "EUR"), "€19.99"),
        (Money(150000, "USD"), "$1,500.00"),
        (Money(5, "GBP"), "£0.05"),
        (Money(1000, "CHF"), "10.00 CHF"),
    ],
    ids=["eur", "usd-thousands", "gbp-pence", "no-symbol"],
)
def test_format_price(price, text):
    assert format_price(price) == text
