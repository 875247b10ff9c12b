import conftest


def test_setattr_module(monkeypatch, timeout_reader, db_settings):
    monkeypatch.setattr(conftest, "TIMEOUT", 1)
    assert timeout_reader() == 1
    assert db_settings()["timeout"] == 1
    assert db_settings()["text"] == "timeout=1"


def test_setattr_string(monkeypatch, db_settings):
    monkeypatch.setattr("conftest.RETRIES", 9)
    monkeypatch.setattr("conftest.describe_timeout", lambda: "patched")
    assert db_settings() == {"timeout": 5, "retries": 9, "text": "patched"}


def test_plain_assignment(db_settings):
    old = conftest.TIMEOUT
    conftest.TIMEOUT = 7
    try:
        assert db_settings()["timeout"] == 7
    finally:
        conftest.TIMEOUT = old
