def test_flag(plugin_flag):
    assert plugin_flag is False


def test_display_name(display_name):
    assert display_name == "fallback"
