def test_api_settings(settings):
    assert settings == {"region": "api", "currency": "EUR"}


def test_api_events(db_events):
    assert db_events == ["api", "root"]


def test_api_count(db_api_count):
    assert db_api_count == 1
