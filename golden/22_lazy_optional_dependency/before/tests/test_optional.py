def test_vendor(vendor):
    assert vendor.ping()


def test_optional_client(optional_client):
    assert optional_client


def test_amount(amount):
    assert str(amount) == "2.50"
