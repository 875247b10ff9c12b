from decimal import Decimal


def test_ledger(ledger):
    assert ledger == [Decimal("12.50")]
