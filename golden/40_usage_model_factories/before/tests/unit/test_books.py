import pytest

pytestmark = [pytest.mark.usefixtures("gift_wrap")]


def test_factory_prices_known_titles(book_factory):
    assert book_factory("emma").price_cents == 899


@pytest.mark.parametrize("book", ["emma", "dune"], indirect=True)
def test_indirect_book(book):
    assert book.title in ("emma", "dune")


@pytest.mark.usefixtures("customer")
class TestOrders:
    def test_total(self, order):
        assert order.total_cents == 1299

    def test_receipt_by_name(self, request):
        assert request.getfixturevalue("receipt_text") == "Ada: 1299"
