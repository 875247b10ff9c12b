"""CC008: connecting to a service while pytest imports the conftest."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, write_tree

IN_FIXTURE = """\
import sqlite3

import pytest
import requests

MEMORY = sqlite3.connect(":memory:")


@pytest.fixture
def api(base=requests.Session):
    return requests.get("http://localhost")
"""

AT_IMPORT = """\
import socket
import sqlalchemy as sa
from redis import Redis

ENGINE = sa.create_engine("postgresql://db/test")
if True:
    CACHE = Redis(host="cache")


class Client:
    sock = socket.create_connection(("localhost", 80))
"""


def test_connections_inside_fixtures_and_in_memory_sqlite_are_fine(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": IN_FIXTURE})
    assert found(tmp_path, "CC008") == []


def test_import_time_connections_are_reported(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": AT_IMPORT})
    assert found(tmp_path, "CC008") == [
        ("tests/conftest.py", 5, "CC008"),
        ("tests/conftest.py", 7, "CC008"),
        ("tests/conftest.py", 11, "CC008"),
    ]
