def test_gateway_starts_empty(payment_gateway, mock_clock):
    assert payment_gateway["charged"] == []
    assert mock_clock() == 0
