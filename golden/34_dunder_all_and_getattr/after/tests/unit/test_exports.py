from conftest import COMPUTED_LIMIT


def test_getattr_served():
    assert COMPUTED_LIMIT == 20


def test_item(item):
    assert item == {"name": "pen"}
