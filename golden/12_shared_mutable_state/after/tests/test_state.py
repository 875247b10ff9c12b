from conftest import CALLS, REGISTRY, next_id


def test_first_order(order):
    assert order["id"] >= 1
    assert REGISTRY["order"] >= 1


def test_hooks_recorded_previous_test():
    assert ("call", "test_first_order") in CALLS
    assert ("teardown", "test_first_order") in CALLS
    assert CALLS[-1] == ("call", "test_hooks_recorded_previous_test")


def test_next_id_increases():
    first = next_id()
    assert next_id() == first + 1


def test_checkout(checkout, db_orders):
    assert checkout() is True
    assert db_orders.execute("SELECT paid FROM orders").fetchall() == [(1,)]
    assert REGISTRY["mock_payment"] == 1
    assert REGISTRY["db_orders"] == 1


def test_checkout_teardown_order():
    position = CALLS.index(("close", "db_orders"))
    assert CALLS[position - 2 : position] == [
        ("call", "test_checkout"),
        ("teardown", "test_checkout"),
    ]
