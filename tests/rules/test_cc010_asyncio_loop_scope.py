"""CC010: async fixtures need an explicit `asyncio_default_fixture_loop_scope`."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import PYPROJECT, found, write_tree

ASYNC = """\
import pytest_asyncio


@pytest_asyncio.fixture
async def client():
    return 1
"""


def test_function_scope_configured_is_fine(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": ASYNC})
    assert found(tmp_path, "CC010") == []


def test_unset_scope_is_reported(tmp_path: Path) -> None:
    pyproject = PYPROJECT.replace('asyncio_default_fixture_loop_scope = "function"\n', "")
    write_tree(tmp_path, {"pyproject.toml": pyproject, "tests/conftest.py": ASYNC})
    assert found(tmp_path, "CC010") == [("tests/conftest.py", 4, "CC010")]


def test_session_scope_from_pytest_ini_is_reported(tmp_path: Path) -> None:
    ini = "[pytest]\nasyncio_default_fixture_loop_scope = session\n"
    write_tree(tmp_path, {"pytest.ini": ini, "tests/conftest.py": ASYNC})
    assert found(tmp_path, "CC010") == [("tests/conftest.py", 4, "CC010")]
