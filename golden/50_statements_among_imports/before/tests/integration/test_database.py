import sys
from decimal import Decimal


def test_database(database):
    assert database.execute("select 1").fetchone() == (1,)


def test_rounded_total(rounded_total):
    total, has_tomllib = rounded_total
    assert total == Decimal("1.01")
    assert has_tomllib == (sys.version_info >= (3, 11))
