"""The project runtime as pytest uses it: layers run in the conftest's namespace, keep pytest's
assertion rewriting in every import mode, and ``@memory_profile`` works without the plugin.

Each case migrates a small project and runs pytest on it in a subprocess (real pytest, real
import machinery: what matters is ``sys.modules`` and ``sys.meta_path`` from start-up on).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods import api
from codemods.errors import ConftestCodemodsError
from codemods.generated import RUNTIME_FILE, runtime_text

CONFTEST = """\
import sqlite3

import pytest


@pytest.fixture
def checked():
    value = 1
    assert value + 1 == 3
    return value


@pytest.fixture
def db_conn():
    conn = sqlite3.connect(":memory:")
    yield conn
    conn.close()
"""
TESTS = """\
def test_checked(checked):
    pass


def test_db(db_conn):
    assert db_conn.execute("SELECT 1").fetchone() == (1,)
"""


def migrated(root: Path, *, package: bool = False, rootdir_conftest: bool = False) -> Path:
    tests = root if rootdir_conftest else root / "tests"
    tests.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    if package:
        (tests / "__init__.py").write_text("", encoding="utf-8")
    (tests / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tests / "test_things.py").write_text(TESTS, encoding="utf-8")
    api.migrate(tests / "conftest.py").write()
    assert (root / RUNTIME_FILE).read_text(encoding="utf-8") == runtime_text(root)
    return root


def pytest_run(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    variables = {**os.environ, **(env or {})}
    variables.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:hypothesispytest",
            *args,
        ],
        cwd=cwd,
        env=variables,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mode", "package", "rootdir_conftest"),
    [
        ("prepend", False, False),
        ("append", False, False),
        ("importlib", False, False),
        ("prepend", True, False),
        ("importlib", True, False),
        ("importlib", False, True),
    ],
)
def test_a_layer_fixture_keeps_assertion_rewriting(
    tmp_path: Path, mode: str, package: bool, rootdir_conftest: bool
) -> None:
    root = migrated(tmp_path, package=package, rootdir_conftest=rootdir_conftest)
    result = pytest_run(root, f"--import-mode={mode}")
    assert "1 passed, 1 error" in result.stdout, result.stdout + result.stderr
    assert "assert (1 + 1) == 3" in result.stdout
    assert "conftest_base.py" in result.stdout  # the traceback names the layer file


@pytest.mark.slow
def test_plain_asserts_and_a_run_from_outside_the_root(tmp_path: Path) -> None:
    root = migrated(tmp_path / "project")
    plain = pytest_run(root, "--assert=plain")
    assert "1 passed, 1 error" in plain.stdout, plain.stdout + plain.stderr
    outside = pytest_run(tmp_path, str(root / "tests"), "--rootdir", str(root))
    assert "1 passed, 1 error" in outside.stdout, outside.stdout + outside.stderr
    assert "assert (1 + 1) == 3" in outside.stdout


@pytest.mark.slow
def test_profiling_options_without_the_plugin_print_one_line_and_run(tmp_path: Path) -> None:
    root = migrated(tmp_path)
    hint = "conftest-codemods: memory profiling needs the conftest-codemods pytest plugin"
    for args, env in (
        (["--memory-profile", "--memory-limit-mb=500"], {}),
        ([], {"PYTEST_MEMORY_PROFILE": "1"}),
    ):
        result = pytest_run(root, "-p", "no:conftest_codemods", *args, env=env)
        assert "1 passed, 1 error" in result.stdout, result.stdout + result.stderr
        assert result.stderr.count(hint) == 1
    assert hint not in pytest_run(root, "-p", "no:conftest_codemods").stderr


def test_memory_profile_without_the_plugin_checks_its_arguments(tmp_path: Path) -> None:
    (tmp_path / RUNTIME_FILE).write_text(runtime_text(tmp_path), encoding="utf-8")
    script = textwrap.dedent(
        """
        import enum, sys
        sys.path.insert(0, sys.argv[1])
        from conftest_codemods_runtime import memory_profile

        class Impact(enum.Enum):
            HIGH = "HIGH"

        def fixture():
            return 1

        assert memory_profile("db", "medium")(fixture) is fixture
        assert memory_profile("db", Impact.HIGH)(fixture) is fixture
        for bad in ((b"db", "LOW"), ("db", "ENORMOUS")):
            try:
                memory_profile(*bad)
            except (TypeError, ValueError) as error:
                print(type(error).__name__)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["TypeError", "ValueError"]


SELECTION_CONFTEST = """\
import sqlite3

import pytest


@pytest.fixture
def plain():
    return 1


@pytest.fixture
def db_conn():
    conn = sqlite3.connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture(params=[1, 2])
def db_param(request, db_conn):
    return request.param
"""
SELECTION_TESTS = {
    "test_a.py": """\
import conftest


def test_plain(plain):
    print("LOADED", getattr(conftest, "get_loaded_fixture_modules", list)())


def test_db(db_conn):
    assert db_conn.execute("SELECT 1").fetchone() == (1,)
""",
    "test_b.py": "def test_param(db_param):\n    assert db_param in (1, 2)\n",
}


@pytest.mark.slow
def test_the_safety_net_loads_a_layer_only_for_tests_that_survive_deselection(
    tmp_path: Path,
) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    (tests / "conftest.py").write_text(SELECTION_CONFTEST, encoding="utf-8")
    for name, text in SELECTION_TESTS.items():
        (tests / name).write_text(text, encoding="utf-8")
    before = {
        args: pytest_run(tmp_path, "-q", *args).stdout.splitlines()[-1].split(" in ")[0]
        for args in (("-k", "db"), ("-k", "param and 1"), ("-m", "not slow"))
    }
    api.migrate(tests / "conftest.py").write()
    for args, summary in before.items():  # the same tests selected, built with their layer
        assert pytest_run(tmp_path, "-q", *args).stdout.splitlines()[-1].startswith(summary)
    unit = "tests/test_a.py"
    for args in (("-k", "plain"), ("--deselect", f"{unit}::test_db")):
        result = pytest_run(tmp_path, "-s", "-q", *args, unit)
        assert "LOADED ['base']" in result.stdout, result.stdout + result.stderr
        assert "1 passed, 1 deselected" in result.stdout


def test_migrate_dir_writes_every_conftest_or_none(tmp_path: Path) -> None:
    unit = tmp_path / "tests" / "unit"
    unit.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    (tmp_path / "tests" / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (unit / "conftest.py").write_text(SELECTION_CONFTEST, encoding="utf-8")
    (unit / "conftest_base.py").write_text("MINE = 1\n", encoding="utf-8")
    with pytest.raises(ConftestCodemodsError, match="not written by conftest-codemods"):
        api.migrate(tmp_path / "tests")
    assert sorted(p.name for p in tmp_path.rglob("*.py")) == [
        "conftest.py",
        "conftest.py",
        "conftest_base.py",
    ]
    (unit / "conftest_base.py").unlink()
    result = api.migrate(tmp_path / "tests")
    written = {change.path.relative_to(tmp_path).as_posix() for change in result.changes}
    assert {"tests/conftest.py.orig", "tests/unit/conftest.py.orig", RUNTIME_FILE} <= written
    result.write()
    assert api.migrate(tmp_path / "tests").nothing_to_do


@pytest.mark.slow
def test_a_conftest_that_is_not_migrated_loads_the_runtime_by_path(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from codemods.cli import app

    tests = tmp_path / "tests"
    tests.mkdir()
    pyproject = '[tool.pytest.ini_options]\n\n[tool.conftest-codemods]\nheavy-imports = ["json"]\n'
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    conftest = tests / "conftest.py"
    conftest.write_text(
        "import json\n\nimport pytest\n\nCODECS = [json]\n\n\n@pytest.fixture\n"
        "def payload():\n    return CODECS[0].dumps({})\n",
        encoding="utf-8",
    )
    (tests / "test_it.py").write_text("def test_it(payload):\n    assert payload == '{}'\n")
    decorate = CliRunner().invoke(app, ["profile-decorate", str(conftest)])
    assert decorate.exit_code == 0, decorate.output
    lazy = CliRunner().invoke(app, ["lazy", str(conftest), "--no-measure"])
    assert lazy.exit_code == 0, lazy.output
    text = conftest.read_text(encoding="utf-8")
    assert 'json = _lazy_module("json")' in text and "@memory_profile(" in text
    assert (tmp_path / RUNTIME_FILE).read_text(encoding="utf-8") == runtime_text(tmp_path)
    for mode in ("prepend", "importlib"):
        result = pytest_run(tmp_path, f"--import-mode={mode}")
        assert "1 passed" in result.stdout, result.stdout + result.stderr
