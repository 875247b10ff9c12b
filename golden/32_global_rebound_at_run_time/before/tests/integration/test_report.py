import conftest


def test_report(db_report):
    assert db_report["url"] == "http://configured.example"
    assert db_report["connections"] == conftest.CONNECTIONS >= 1
