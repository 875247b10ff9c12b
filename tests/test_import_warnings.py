"""A heavy module that warns while it is imported stays eager (issue 14.9): deferred, its
warning would be raised inside the first test that uses it, where ``recwarn`` and ``-W error``
see it. Real modules in a temporary tree, imported by the real probe subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from codemods import api
from codemods.lazy import probe_for
from codemods.plan import import_cost
from codemods.plan.import_warnings import import_checks

OLDLIB = """\
import warnings

warnings.warn("oldlib is deprecated, use newlib", DeprecationWarning, stacklevel=2)


def value():
    return 1
"""
CONFTEST = """\
import oldlib
import quietlib
import pytest


@pytest.fixture
def old():
    return oldlib.value()


@pytest.fixture
def quiet():
    return quietlib.value()
"""
TEST = """\
def test_old(recwarn, old):
    assert old == 1
    assert len(recwarn) == 0


def test_quiet(quiet):
    assert quiet == 2
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(import_cost.CACHE_ENV, str(tmp_path / "cache"))
    root = tmp_path / "project"
    (root / "tests").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[tool.conftest-codemods]\nheavy-imports = ["oldlib", "quietlib"]\n'
        'pins = { base = ["old", "quiet"] }\n',
        encoding="utf-8",
    )
    (root / "oldlib.py").write_text(OLDLIB, encoding="utf-8")
    (root / "quietlib.py").write_text("def value():\n    return 2\n", encoding="utf-8")
    (root / "tests" / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (root / "tests" / "test_warns.py").write_text(TEST, encoding="utf-8")
    return root


def test_the_probe_records_the_warnings_an_import_raises(project: Path) -> None:
    (project / "brokenlib.py").write_text("raise ImportError('needs libbroken')\n")
    modules = ["oldlib", "quietlib", "brokenlib", "missinglib"]
    probe = probe_for(project / "tests" / "conftest.py", modules, versions=True)
    found = import_checks(modules, probe)
    assert found.warnings == {"oldlib": ("DeprecationWarning: oldlib is deprecated, use newlib",)}
    assert found.errors == {
        "oldlib": "",
        "quietlib": "",
        "brokenlib": "ImportError: needs libbroken",
    }
    cache_files = list((project.parent / "cache").iterdir())
    assert [path.name.startswith("import-warnings-") for path in cache_files] == [True]


def test_migrate_keeps_an_import_that_warns_eager_and_says_why(project: Path) -> None:
    result = api.migrate(project / "tests" / "conftest.py", profile=False)
    assert [decision.binding.name for decision in result.lazy] == ["quietlib"]
    assert [line for line in result.warnings if "oldlib" in line] == [
        "conftest_base.py: `oldlib` (oldlib) kept eager: importing it warns (DeprecationWarning: "
        "oldlib is deprecated, use newlib): deferred, the warning would be raised inside the "
        "first test that uses it (recwarn, -W error) instead of at start-up"
    ]
    result.write()
    base = (project / "tests" / "conftest_base.py").read_text(encoding="utf-8")
    assert base.startswith("# conftest-codemods") and "\nimport oldlib\n" in base
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout
