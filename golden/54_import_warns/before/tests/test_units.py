from decimal import Decimal


def test_weight_raises_no_warning_in_the_test(recwarn, weight):
    assert weight == 2000
    assert [str(warning.message) for warning in recwarn] == []


def test_amount(amount):
    assert amount == Decimal("2.50")
