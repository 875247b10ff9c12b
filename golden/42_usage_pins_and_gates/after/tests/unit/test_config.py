def test_currency(config):
    assert config["currency"] == "EUR"


def test_checkout_charges(checkout, payment_gateway):
    checkout(250)
    assert payment_gateway["charged"] == [250]
