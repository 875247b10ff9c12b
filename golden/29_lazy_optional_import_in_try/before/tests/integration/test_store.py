def test_store(db_conn, cache_available):
    db_conn.execute("create table t (x)")
    assert cache_available in (True, False)
