from conftest import DEFAULT_TIMEOUT, make_user


def test_make_user_defaults():
    user = make_user()
    assert user["name"] == "alice"
    assert user["active"] is True


def test_make_user_ids_increase():
    first, second = make_user("a"), make_user("b")
    assert second["id"] == first["id"] + 1


def test_fixture_uses_same_helper(user):
    assert set(user) == {"id", "name", "active"}


def test_default_timeout():
    assert DEFAULT_TIMEOUT == 5.0
