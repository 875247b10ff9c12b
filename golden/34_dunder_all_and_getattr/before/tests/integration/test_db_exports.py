import conftest
from conftest import *  # noqa: F403


def test_star_exports_all_only():
    names = set(globals())
    assert {"make_item", "PUBLIC_LIMIT"} <= names
    assert "NOT_EXPORTED" not in names
    assert "item" not in names and "db_conn" not in names and "db_item" not in names


def test_db_item(db_item):
    assert db_item == {"name": "pen", "limit": 20}


def test_getattr_after_the_services_layer_loaded(db_item):
    assert conftest.COMPUTED_LIMIT == 20
