def test_sql(table_sql):
    assert table_sql.startswith("CREATE")


def test_item(db_item):
    assert db_item == (1, "pen")
