import pytest

from conftest import decimal


@pytest.mark.parametrize("number_module", ["decimal", "fractions"], indirect=True)
def test_module_by_name(number_module):
    assert number_module.__name__ in {"decimal", "fractions"}


def test_order_total(order):
    assert decimal.Decimal(order.getAttribute("total")) == decimal.Decimal("3.5")
