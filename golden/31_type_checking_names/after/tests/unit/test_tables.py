def test_sql(table_sql):
    assert table_sql.startswith("CREATE")


def test_scratch_db_is_empty(scratch_db):
    assert scratch_db.execute("SELECT COUNT(*) FROM items").fetchone() == (0,)
