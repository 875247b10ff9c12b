"""Integration sub-suite: same stack, another region. Not migrated; it only uses the root
fixtures."""

import pytest


@pytest.fixture
def settings(settings):
    """Override: the root settings with this sub-suite's region."""
    return {**settings, "region": "eu-sub"}


@pytest.fixture
def sub_events(db_conn, mock_notifier):
    rows = db_conn.execute("SELECT region, kind FROM events").fetchall()
    for region, kind in rows:
        mock_notifier.notify(f"{kind}@{region}")
    return rows
