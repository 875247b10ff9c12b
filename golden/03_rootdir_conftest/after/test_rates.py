from decimal import Decimal

import pytest


@pytest.mark.parametrize("currency, expected", [("USD", "1.10"), ("GBP", "0.85")])
def test_rates_table(rates_db, currency, expected):
    (rate,) = rates_db.execute(
        "SELECT rate FROM rates WHERE currency = ?", (currency,)
    ).fetchone()
    assert Decimal(rate) == Decimal(expected)


def test_subprocess_sees_ledger(e2e_python):
    assert e2e_python("import ledger; print(ledger.convert('2', '1.5'))") == "3.00"


@pytest.mark.xfail(reason="JPY rates are not loaded yet")
def test_yen(rates_db):
    assert (
        rates_db.execute("SELECT rate FROM rates WHERE currency = 'JPY'").fetchone()
        is not None
    )
