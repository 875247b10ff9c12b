"""CC013 (opt-in): fixtures carry `@memory_profile`, directly under `@pytest.fixture`."""

from __future__ import annotations

from pathlib import Path

from codemods.api import migrate
from tests.rules.lintutil import found, migrated, run, write_tree

PROFILED = """\
import pytest
from conftest_support import memory_profile


@pytest.fixture
@memory_profile("settings", "MINIMAL")
def settings():
    return {}
"""
MISPLACED = PROFILED.replace(
    '@pytest.fixture\n@memory_profile("settings", "MINIMAL")\n',
    '@memory_profile("settings", "MINIMAL")\n@pytest.fixture\n',
)
UNPROFILED = PROFILED.replace('@memory_profile("settings", "MINIMAL")\n', "")


def test_profiled_fixture_is_clean(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": PROFILED})
    assert found(tmp_path, "CC013") == []


def test_misplaced_decorator_is_moved_under_the_fixture_decorator(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": MISPLACED})
    [finding] = run(tmp_path, "CC013").findings
    assert finding.fixable
    run(tmp_path, "CC013", fix=True).write()
    assert (tmp_path / "tests" / "conftest.py").read_text() == PROFILED
    assert run(tmp_path, "CC013", fix=True).fixes == ()


def test_missing_decorator_is_added_when_memory_profile_is_imported(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": UNPROFILED})
    run(tmp_path, "CC013", fix=True).write()
    assert (tmp_path / "tests" / "conftest.py").read_text() == PROFILED


def test_missing_decorator_without_the_import_is_report_only(tmp_path: Path) -> None:
    source = UNPROFILED.replace("from conftest_support import memory_profile\n", "")
    write_tree(tmp_path, {"tests/conftest.py": source})
    [finding] = run(tmp_path, "CC013").findings
    assert not finding.fixable
    assert run(tmp_path, "CC013", fix=True).fixes == ()


ASSIGNED = """\
import pytest
from conftest_support import memory_profile


def _make_settings():
    return {}


settings = pytest.fixture(scope="session")(_make_settings)
"""
ASSIGNED_PROFILED = ASSIGNED.replace(
    "(_make_settings)", '(\n    memory_profile("settings", "LOW")(_make_settings)\n)'
)
"""The wrapped line is too long for black's 88 columns: the fix writes it as black would."""


def test_fixture_made_by_assignment_is_reported_and_wrapped(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": ASSIGNED})
    [finding] = run(tmp_path, "CC013").findings
    assert "settings (made by assignment)" in finding.message
    assert finding.fixable
    run(tmp_path, "CC013", fix=True).write()
    assert (tmp_path / "tests" / "conftest.py").read_text() == ASSIGNED_PROFILED
    assert found(tmp_path, "CC013") == []


SPLIT_READS_BASE = """\
import sqlite3

import pytest

try:
    import numpy as np
except ImportError:
    np = None


@pytest.fixture
def arr():
    return np


@pytest.fixture(scope="session")
def db():
    connection = sqlite3.connect(":memory:")
    yield connection, np
    connection.close()
"""


def test_a_layer_fixture_using_a_heavy_import_of_a_lower_layer_gets_its_impact(
    tmp_path: Path,
) -> None:
    """One estimate: fixing the split that `migrate --no-profile` wrote tags the services
    fixture as `migrate` does, counting numpy although base holds the import."""
    tests = {
        "tests/unit/test_arr.py": "def test_arr(arr):\n    pass\n",
        "tests/integration/test_db.py": "def test_db(db):\n    pass\n",
    }
    (tmp_path / "profiled").mkdir()
    profiled = migrated(tmp_path / "profiled", SPLIT_READS_BASE, tests)
    expected = '@memory_profile("db", "VERY_HIGH")\n'
    assert expected in (profiled / "tests" / "conftest_services.py").read_text()
    (tmp_path / "plain").mkdir()
    root = write_tree(tmp_path / "plain", {"tests/conftest.py": SPLIT_READS_BASE, **tests})
    migrate(root / "tests" / "conftest.py", profile=False, backup=False).write()
    services = root / "tests" / "conftest_services.py"
    services.write_text(
        "from conftest_codemods_runtime import memory_profile\n" + services.read_text()
    )
    run(root, "CC013", fix=True).write()
    assert expected in services.read_text()
