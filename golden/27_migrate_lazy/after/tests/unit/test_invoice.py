from conftest import FORMATS


def test_amount(amount):
    assert str(amount) == "12.50"


def test_discount(discount, amount):
    assert 0 < amount * discount.numerator / discount.denominator < amount


def test_invoice_xml(invoice_xml):
    assert invoice_xml.documentElement.getAttribute("amount") == "12.50"


def test_formats():
    assert FORMATS["json"].dumps({"b": 1, "a": 2}, sort_keys=True) == '{"a": 2, "b": 1}'


def test_mailer(mock_mailer):
    assert mock_mailer.render({"x": 1}) == '{"x": 1}'
