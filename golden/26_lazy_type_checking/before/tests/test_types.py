import decimal
import fractions

from conftest import context_name, to_ratio


def test_amounts(amounts):
    amounts.append(decimal.Decimal("1"))
    assert amounts == [decimal.Decimal("1")]


def test_helpers():
    assert to_ratio(fractions.Fraction(1, 3)) == fractions.Fraction(1, 3)
    assert context_name(decimal.getcontext()) == "Context"
