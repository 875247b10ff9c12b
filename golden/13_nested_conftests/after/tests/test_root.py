def test_root_region(region):
    assert region == "eu-root"


def test_root_notifier(mock_notifier):
    assert mock_notifier.channel == "alerts-eu-root"
