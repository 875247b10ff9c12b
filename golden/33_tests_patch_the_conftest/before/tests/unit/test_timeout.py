import conftest


def test_setattr_string_base(monkeypatch, timeout_reader):
    monkeypatch.setattr("conftest.TIMEOUT", 2)
    assert timeout_reader() == 2


def test_unpatched_after_undo(timeout_reader):
    assert timeout_reader() == conftest.TIMEOUT == 5
