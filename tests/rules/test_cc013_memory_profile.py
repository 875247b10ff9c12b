"""CC013 (opt-in): fixtures carry `@memory_profile`, directly under `@pytest.fixture`."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, run, write_tree

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
