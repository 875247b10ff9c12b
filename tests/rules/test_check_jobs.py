"""``$CONFTEST_CODEMODS_JOBS`` caps the worker processes of ``check`` without changing findings."""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods.cli import app
from codemods.lint.engine import JOBS_VARIABLE, PARALLEL_MIN_GROUPS, lint
from tests.rules.lintutil import write_tree

CONNECT = 'import sqlite3\n\nDB = sqlite3.connect("x.db")\n'


@pytest.fixture
def many_directories(tmp_path: Path) -> Path:
    """Enough directories that ``check`` would start worker processes."""
    write_tree(
        tmp_path,
        {f"suite_{n}/conftest.py": CONNECT for n in range(PARALLEL_MIN_GROUPS + 1)},
    )
    return tmp_path


def test_one_job_checks_in_this_process_and_finds_the_same(
    many_directories: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parallel = lint([many_directories])
    monkeypatch.setenv(JOBS_VARIABLE, "1")

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("one job must not start worker processes")

    # The engine imports the pool where it starts one (multiprocessing costs start-up).
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    alone = lint([many_directories])
    assert alone.findings == parallel.findings
    assert len(alone.findings) == PARALLEL_MIN_GROUPS + 1


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_bad_value_exits_2_naming_the_variable(
    many_directories: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, value)
    result = CliRunner().invoke(app, ["check", str(many_directories)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {JOBS_VARIABLE}: ")
