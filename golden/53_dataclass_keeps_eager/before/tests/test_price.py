import dataclasses
import typing
from decimal import Decimal


def test_price(price):
    assert price.amount == Decimal("1.00")
    hints = typing.get_type_hints(type(price))
    assert hints["amount"] is Decimal
    assert [field.name for field in dataclasses.fields(price)] == ["amount", "currency"]
