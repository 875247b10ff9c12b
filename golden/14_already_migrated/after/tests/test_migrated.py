import pytest


def test_settings(settings):
    assert settings == {"env": "test", "debug": True}


def test_item_factory(item_factory):
    assert item_factory("apple", 3) == {"name": "apple", "quantity": 3, "env": "test"}


@pytest.mark.skip(reason="no services layer in this tree")
def test_services_layer():
    raise AssertionError("unreachable")
