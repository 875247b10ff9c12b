def test_root_region(region):
    assert region == "eu-root"


def test_root_db(db_conn):
    assert db_conn.execute("SELECT region FROM events").fetchall() == [("eu-root",)]


def test_root_notifier(mock_notifier):
    assert mock_notifier.channel == "alerts-eu-root"


def test_e2e_runner(e2e_runner):
    assert e2e_runner("print(6 * 7)") == "42"
