import pytest


def test_sub_region(region, settings):
    assert region == "eu-sub"
    assert settings["retries"] == 3


def test_sub_events(sub_events, mock_notifier):
    assert sub_events == [("eu-sub", "boot")]
    mock_notifier.notify.assert_called_once_with("boot@eu-sub")
    assert mock_notifier.channel == "alerts-eu-sub"


@pytest.mark.skip(reason="cross-region replication is out of scope for the sub-suite")
def test_replication(db_conn):
    raise AssertionError("unreachable")
