def test_unit_settings(settings):
    assert settings == {"region": "unit", "currency": "EUR"}


def test_unit_events(db_events):
    assert db_events == ["unit", "root"]


def test_unit_count(db_unit_count):
    assert db_unit_count == 1
