import pytest

pytestmark = pytest.mark.integration


def test_orders_are_saved(order_store, order):
    order_store.save(order)
    assert order_store.totals() == [1299]
