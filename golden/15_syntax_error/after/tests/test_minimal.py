def test_settings(settings):
    assert settings["env"] == "test"
