import time

import pytest

pytestmark = pytest.mark.usefixtures("seeded_db")


@pytest.mark.usefixtures("mock_clock")
def test_time_is_frozen():
    assert time.time() == 1234.5


@pytest.mark.usefixtures("mock_clock")
class TestFrozenClass:
    def test_frozen_in_class(self):
        assert time.time() == 1234.5

    def test_db_by_name(self, request):
        conn = request.getfixturevalue("db_conn")
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone() == (2,)


def test_inventory_without_db(inventory):
    assert inventory == {"alpha": 1, "beta": 2}


@pytest.mark.with_db
def test_inventory_with_db(inventory):
    # the module-level usefixtures seeded the same database first
    assert inventory == {"alpha": 1, "beta": 2}
