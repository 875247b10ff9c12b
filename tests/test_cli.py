"""The command line: exit codes, one-line errors, diff on stdout, nothing written on refusal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods import __version__
from codemods.cli import app
from tests.test_migrate_api import write_project
from tests.treeutil import snapshot

runner = CliRunner()


def test_dry_run_prints_the_diff_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["migrate", str(conftest), "--dry-run"])
    assert result.exit_code == 1
    assert "+++ b/" in result.stdout and "conftest_services.py" in result.stdout
    assert "dry run, nothing written" in result.stderr
    assert snapshot(tmp_path) == before


def test_migrate_writes_then_reports_nothing_to_do(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    first = runner.invoke(app, ["migrate", str(conftest)])
    assert first.exit_code == 0, first.output
    assert "conftest_services.py: 1 fixture, 0 hooks, 0 other units (loaded when asked)" in (
        first.stderr.splitlines()
    )
    second = runner.invoke(app, ["migrate", str(conftest), "--dry-run"])
    assert second.exit_code == 0
    assert "already migrated, nothing to do" in second.stderr
    assert second.stdout == ""


def test_errors_are_one_line_on_stderr_with_exit_2(tmp_path: Path) -> None:
    conftest = write_project(tmp_path, "def broken(:\n")
    result = runner.invoke(app, ["migrate", str(conftest)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {conftest}: syntax error at line 1")


def test_unknown_config_key_is_an_error_naming_it(tmp_path: Path) -> None:
    conftest = write_project(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.conftest-codemods]\ngatez = {}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["migrate", str(conftest)])
    assert result.exit_code == 2
    assert "unknown key 'gatez'" in result.stderr


def test_version_and_help_through_the_installed_entry_point() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "codemods", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.strip() == f"conftest-codemods {__version__}"
    help_text = subprocess.run(
        [sys.executable, "-m", "codemods", "migrate", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for option in ("--dry-run", "--no-backup", "--plan", "--from-plan", "--config"):
        assert option in help_text


@pytest.mark.parametrize("command", ["migrate", "check", "fix", "lazy", "audit"])
def test_config_help_names_the_table_it_reads(command: str) -> None:
    """Rich treats ``[...]`` as markup: unescaped, the table name vanished from ``--help``."""
    result = runner.invoke(app, [command, "--help"])
    assert "[tool.conftest-codemods]" in result.stdout
