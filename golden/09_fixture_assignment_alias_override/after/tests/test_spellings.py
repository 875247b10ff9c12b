import os

import pytest


def test_assigned_fixture(x):
    assert x == "x-value"


def test_factory_fixtures(answer, greeting):
    assert (answer, greeting) == (42, "hello")


def test_hand_decorated_fixture(fake_user):
    assert fake_user["roles"] == ["reader"]


def test_alias(client):
    assert client == {"answer": 42, "greeting": "hello", "kind": "client"}


def test_mock_alias(mocked_service):
    assert mocked_service() == "mocked"


def test_db_alias(db):
    db.execute("INSERT INTO notes VALUES ('hi')")
    assert db.execute("SELECT body FROM notes").fetchall() == [("hi",)]


def test_tmp_path_is_a_sandbox(tmp_path):
    assert tmp_path.name == "sandbox"
    assert tmp_path.is_dir()
    assert list(tmp_path.iterdir()) == []


def test_monkeypatch_sets_app_env(monkeypatch):
    assert os.environ["APP_ENV"] == "test"
    monkeypatch.setenv("APP_ENV", "changed")
    assert os.environ["APP_ENV"] == "changed"


def test_app_env_is_undone():
    assert "APP_ENV" not in os.environ


@pytest.mark.xfail(
    reason="the private function name is not a fixture",
    raises=pytest.FixtureLookupError,
    strict=True,
)
def test_private_name_is_not_a_fixture(request):
    request.getfixturevalue("_make_x")
