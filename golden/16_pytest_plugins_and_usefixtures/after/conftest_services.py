# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import pytest

SEED_ROWS = [("alpha", 1), ("beta", 2)]  # rows every seeded database starts with


@pytest.fixture
@memory_profile("seeded db", "MEDIUM")
def seeded_db(db_conn):
    db_conn.executemany("INSERT INTO items VALUES (?, ?)", SEED_ROWS)
    db_conn.commit()
    return db_conn


# ---- base --------------------------------------------------------------------


@pytest.fixture
@memory_profile("Uses the real database only when the test asks for it by marker.", "MEDIUM")
def inventory(request):
    """Uses the real database only when the test asks for it by marker."""
    if request.node.get_closest_marker("with_db") is None:
        return dict(SEED_ROWS)
    conn = request.getfixturevalue("db_conn")
    return dict(conn.execute("SELECT name, qty FROM items").fetchall())
