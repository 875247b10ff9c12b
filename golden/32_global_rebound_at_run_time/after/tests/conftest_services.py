# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import BASE_URL
    from conftest_mocks import CONNECTIONS

import pytest


@pytest.fixture
@memory_profile("db report", "MEDIUM")
def db_report(db_conn):
    # A services fixture reading two globals that other units rebind at run time: BASE_URL
    # (pytest_configure) and CONNECTIONS (db_conn, also read by tests as conftest.X).
    return {"url": BASE_URL, "connections": CONNECTIONS}
