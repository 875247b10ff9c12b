def test_settings(db_settings):
    assert db_settings == {"name": "fallback", "connected": True}


def test_platform(db_platform):
    pass  # errors in setup with NameError, before and after
