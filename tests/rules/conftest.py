"""A project split by the real ``migrate`` once per session, copied fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.rules.lintutil import migrated

MONOLITH = """\
import sqlite3
from unittest import mock

import pytest


@pytest.fixture
def settings():
    return {"env": "test"}


@pytest.fixture
def mock_mailer():
    return mock.Mock()


@pytest.fixture
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "shop.db")
    yield conn
    conn.close()
"""


@pytest.fixture(scope="session")
def _split_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("split")
    return migrated(root, MONOLITH)


@pytest.fixture
def split_project(_split_template: Path, tmp_path: Path) -> Path:
    """``tests/`` holds the orchestrator, conftest_base, _mocks and _services."""
    root = tmp_path / "project"
    shutil.copytree(_split_template, root)
    return root
