import urllib.error

import pytest


@pytest.mark.parametrize("name, celsius", [("paris", 18.5), ("oslo", 4.0)])
def test_city_temperature(http_client, name, celsius):
    assert http_client("/" + name) == {"city": name, "celsius": celsius}


def test_unknown_city(http_client):
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        http_client("/atlantis")
    assert excinfo.value.code == 404
    excinfo.value.close()
