from decimal import Decimal

import ledger


def test_empty_balance(empty_ledger):
    assert empty_ledger.balance() == 0


def test_funded_balance(funded_ledger):
    assert funded_ledger.balance() == Decimal("350.50")
    assert funded_ledger.balance("cash") == Decimal("100.00")


def test_convert_with_mock_rates(mock_rates):
    assert ledger.convert("10", mock_rates.rate("USD")) == Decimal("11.00")
    mock_rates.rate.assert_called_once_with("USD")
