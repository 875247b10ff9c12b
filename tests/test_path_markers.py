"""Path markers are opt-in: by default the orchestrator gates layers by the paths on the command
line without adding or registering any marker, so ``-m``, user hooks and ``--strict-markers``
see the tests as before. ``--path-markers`` (or ``path-markers``) turns them on, the summary
says what that changes, and ``check``/``fix`` keep the choice recorded in the orchestrator.
The behaviour itself is shown by goldens 60-62 (real pytest runs before and after)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods import api
from codemods.cli import app
from codemods.config import DEFAULT_PATH_MARKERS, load_settings
from codemods.errors import ConfigError
from codemods.generated import recorded_path_markers

CONFTEST = """\
import sqlite3

import pytest


@pytest.fixture
def settings():
    return {"db": ":memory:"}


@pytest.fixture
def db(settings):
    return sqlite3.connect(settings["db"])
"""
UNIT_TEST = "import pytest\n\n\n@pytest.mark.unit\ndef test_it(settings):\n    pass\n"
SUMMARY = (
    "path markers: tests under unit/, integration/, e2e/ get the registered markers unit, "
    "integration, e2e, so `-m` selects them, hooks see them and --strict-markers accepts them "
    "(off without --path-markers)"
)
runner = CliRunner()


def project(root: Path, pyproject: str = "[tool.pytest.ini_options]\n") -> Path:
    (root / "tests" / "unit").mkdir(parents=True)
    (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (root / "tests" / "unit" / "test_unit.py").write_text(UNIT_TEST, encoding="utf-8")
    conftest = root / "tests" / "conftest.py"
    conftest.write_text(CONFTEST, encoding="utf-8")
    return conftest


def orchestrator(result: api.MigrationResult) -> str:
    return next(change.new for change in result.changes if change.path == result.source)


def test_by_default_the_orchestrator_adds_and_registers_no_marker(tmp_path: Path) -> None:
    result = api.migrate(project(tmp_path))
    assert recorded_path_markers(orchestrator(result)) == {}
    assert not any(line.startswith("path markers") for line in result.summary)


def test_opting_in_records_the_markers_and_says_in_one_line_what_they_change(
    tmp_path: Path,
) -> None:
    result = api.migrate(project(tmp_path), path_markers=True)
    assert recorded_path_markers(orchestrator(result)) == DEFAULT_PATH_MARKERS
    assert [line for line in result.summary if line.startswith("path markers")] == [SUMMARY]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", DEFAULT_PATH_MARKERS),
        ("false", {}),
        ('{ it = "integration" }', {"it": "integration"}),
    ],
)
def test_the_setting_is_a_boolean_or_a_table(
    tmp_path: Path, value: str, expected: dict[str, str]
) -> None:
    conftest = project(tmp_path, f"[tool.conftest-codemods]\npath-markers = {value}\n")
    assert load_settings(conftest.parent).path_markers == expected
    result = api.migrate(conftest)
    assert recorded_path_markers(orchestrator(result)) == expected
    assert (
        api.migrate(conftest, path_markers=False).summary
        == api.migrate(project(tmp_path / "off")).summary
    )


def test_a_malformed_setting_is_a_config_error(tmp_path: Path) -> None:
    conftest = project(tmp_path, '[tool.conftest-codemods]\npath-markers = "yes"\n')
    with pytest.raises(ConfigError, match="path-markers must be true, false or a table"):
        load_settings(conftest.parent)


@pytest.mark.parametrize("opt_in", [False, True], ids=["default", "path-markers"])
def test_check_keeps_the_choice_migrate_made(tmp_path: Path, opt_in: bool) -> None:
    conftest = project(tmp_path)
    argv = ["migrate", str(conftest), "--no-backup", *(["--path-markers"] if opt_in else [])]
    assert runner.invoke(app, argv).exit_code == 0

    checked = runner.invoke(app, ["check", str(tmp_path), "--select", "CC004,CC012"])

    # CC004 must not call the orchestrator stale for the choice made at migrate time; CC012
    # accepts the hand-written `unit` mark only when the orchestrator registers it.
    assert "CC004" not in checked.stdout
    assert ("CC012" in checked.stdout) is not opt_in, checked.stdout
