def test_site_command(launcher):
    assert launcher == "app --serve"
