def test_root_settings(settings):
    assert settings["region"] == "root"


def test_root_events(db_events):
    assert db_events == ["root"]
