def test_stock_starts_empty(warehouse_db):
    assert warehouse_db.execute("SELECT count(*) FROM stock").fetchone() == (0,)
