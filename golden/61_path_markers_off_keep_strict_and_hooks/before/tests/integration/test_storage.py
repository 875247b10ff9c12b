import pytest


def test_storage_round_trip(db):
    db.execute("create table t (x)")
    db.execute("insert into t values (1)")
    assert db.execute("select x from t").fetchall() == [(1,)]


@pytest.mark.integration
def test_storage_marked(db):
    assert db.execute("select 2").fetchone() == (2,)
