import urllib.request

import pytest


def test_enable_flag(flags):
    flags.enable("dark-mode")
    assert flags.is_enabled("dark-mode")
    assert flags.events == [("enable", "dark-mode")]


def test_state_was_reset(flags):
    # runs after test_enable_flag: the autouse reset cleared its flag
    assert not flags.is_enabled("dark-mode")
    assert flags.events == []


def test_network_is_blocked():
    with pytest.raises(RuntimeError, match="network access is disabled"):
        urllib.request.urlopen("http://example.invalid/")


def test_every_test_is_audited(request):
    assert request.node.audit_id >= 1


def test_audit_rows_follow_test_order(request, audit_db):
    names = [row[0] for row in audit_db.execute("SELECT test FROM audit ORDER BY id")]
    assert names[-1] == request.node.name
    assert names.index("test_enable_flag") < names.index("test_state_was_reset")
