def test_tea_price(prices):
    assert prices["tea"] == 350


class TestCatalog:
    def test_rows(self, catalog_db):
        assert catalog_db.execute("SELECT count(*) FROM items").fetchone() == (2,)
