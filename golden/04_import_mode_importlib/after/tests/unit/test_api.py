import urllib.request


def test_forecast_conversion(forecast):
    assert forecast == {"city": "paris", "celsius": 18.5, "fahrenheit": 65.3}


def test_upstream_is_mocked(mock_upstream):
    with urllib.request.urlopen("http://upstream.invalid/oslo") as response:
        assert response.read() == b'{"celsius": -1.0}'
    mock_upstream.assert_called_once()
