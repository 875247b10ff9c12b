from __future__ import annotations

import pytest

from shop.models import OrderStatus
from shop.storage import SqliteRepository

pytestmark = pytest.mark.integration


def test_products_round_trip(seeded_repository, products):
    assert seeded_repository.list_products() == sorted(products, key=lambda p: p.sku)


def test_get_product(seeded_repository):
    product = seeded_repository.get_product("TS-001")
    assert product is not None
    assert (product.name, product.price.cents, product.stock) == ("Conftest T-Shirt", 2200, 7)


def test_missing_product_is_none(db_repository):
    assert db_repository.get_product("BK-001") is None


def test_saving_a_product_again_replaces_it(db_repository, product_factory):
    db_repository.save_product(product_factory(sku="X-1", stock=1))
    db_repository.save_product(product_factory(sku="X-1", stock=9))
    assert [p.stock for p in db_repository.list_products()] == [9]


def test_orders_are_rows(db_repository, db, paid_order):
    db_repository.save_order(paid_order)
    row = db.execute("SELECT email, total_cents, status FROM orders").fetchone()
    assert row == (paid_order.customer.email, paid_order.total.cents, "paid")


def test_status_updates_overwrite_the_row(db_repository, order):
    db_repository.save_order(order)
    order.status = OrderStatus.SHIPPED
    db_repository.save_order(order)
    assert db_repository.count_orders() == 1
    assert db_repository.order_status(order.id) == "shipped"


def test_each_test_starts_with_empty_tables(db_repository):
    assert db_repository.list_products() == []
    assert db_repository.count_orders() == 0


def test_a_fresh_file_gets_the_schema(tmp_path):
    repo = SqliteRepository(tmp_path / "data" / "fresh.db")
    try:
        assert repo.closed
        assert repo.count_orders() == 0
        assert not repo.closed
    finally:
        repo.close()
    assert repo.closed


def test_either_repository_backend_has_the_sample_products(repository):
    # SQLite under USE_REAL_SERVICES=1, the in-memory fake otherwise: same behaviour.
    assert repository.get_product("MG-001") is not None
