def test_price(price, ratio):
    assert float(price) + float(ratio) == 2.0
