from inventory.clients import CREATED


def test_inventory_client(inventory_client):
    assert inventory_client["url"].startswith("http://")
    assert CREATED == [inventory_client]
