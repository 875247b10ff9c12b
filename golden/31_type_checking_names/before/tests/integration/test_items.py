def test_item(db_item):
    assert db_item == (1, "pen")
