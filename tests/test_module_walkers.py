"""A test that enumerates its package's modules gains the modules ``migrate`` adds; ``migrate``
names such tests in a warning (issue 14.13: a plotting library's test gained 3 ids)."""

from __future__ import annotations

from pathlib import Path

from codemods import api
from codemods.analysis.module_walkers import module_walkers, package_root
from codemods.verify import run_pytest

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
WALKS = """\
import pkgutil
from pathlib import Path

import pytest

import shop

MODULES = [m.name for m in pkgutil.walk_packages(shop.__path__, "shop.")]


@pytest.mark.parametrize("name", MODULES)
def test_every_module_has_a_docstring(name):
    assert name


def test_files():
    assert sorted(Path(__file__).parent.glob("*.py"))
"""
PLAIN = "def test_plain(settings):\n    assert settings\n"


def package(root: Path) -> Path:
    tests = root / "shop" / "tests"
    tests.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    for path, text in {
        root / "shop" / "__init__.py": '"""The shop."""\n',
        root / "shop" / "cart.py": '"""A cart."""\n',
        tests / "__init__.py": "",
        tests / "conftest.py": CONFTEST,
        tests / "test_modules.py": WALKS,
        tests / "test_plain.py": PLAIN,
    }.items():
        path.write_text(text, encoding="utf-8")
    return tests / "conftest.py"


def test_walkers_are_found_in_the_outermost_package(tmp_path: Path) -> None:
    conftest = package(tmp_path)
    root = package_root(conftest)
    assert root == tmp_path / "shop"
    found = [(w.path.name, w.line, w.how) for w in module_walkers(root)]
    assert found == [
        ("test_modules.py", 8, "pkgutil.walk_packages"),
        ("test_modules.py", 17, "glob('*.py')"),
    ]


def test_migrate_warns_with_the_names_of_the_tests_that_gain_ids(tmp_path: Path) -> None:
    conftest = package(tmp_path)
    before = run_pytest(tmp_path, ["--collect-only", "-p", "no:hypothesispytest"])

    result = api.migrate(conftest, backup=False)
    result.write()
    after = run_pytest(tmp_path, ["--collect-only", "-p", "no:hypothesispytest"])

    gained = sorted(set(after.by_id) - set(before.by_id))
    assert gained and all("conftest_" in nodeid for nodeid in gained)  # what the warning is for
    warnings = [w for w in result.warnings if "list the modules" in w]
    assert len(warnings) == 1
    assert "shop/tests/test_modules.py:8 (pkgutil.walk_packages)" in warnings[0]
    assert "shop/tests/test_modules.py:17 (glob('*.py'))" in warnings[0]
    assert "conftest_base" in warnings[0]


def test_no_warning_without_such_tests(tmp_path: Path) -> None:
    conftest = package(tmp_path)
    (conftest.parent / "test_modules.py").unlink()
    assert not [w for w in api.migrate(conftest).warnings if "list the modules" in w]
