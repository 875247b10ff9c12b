from decimal import Decimal


def test_ledger(ledger, amount):
    ledger.add(amount)
    assert ledger.entries == [Decimal("2.50")]
    assert ledger.currency == "EUR"
