"""CC007: heavy libraries imported at module level of an always-loaded conftest."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods.api import migrate
from codemods.cli import app
from codemods.generated import runtime_text
from tests.rules.lintutil import found, run, write_tree
from tests.treeutil import copy_tree

LAZY = """\
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import pandas


@pytest.fixture
def frame():
    import pandas

    return pandas.DataFrame()
"""


def test_imports_inside_fixtures_and_type_checking_are_fine(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": LAZY})
    assert found(tmp_path, "CC007") == []


def test_module_level_heavy_imports_are_reported(tmp_path: Path) -> None:
    conftest = "import numpy as np\nfrom pandas.testing import assert_frame_equal\nimport json\n"
    write_tree(tmp_path, {"tests/conftest.py": conftest})
    assert found(tmp_path, "CC007") == [
        ("tests/conftest.py", 1, "CC007"),
        ("tests/conftest.py", 2, "CC007"),
    ]


def test_configured_heavy_imports_count_too(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.conftest-codemods]\nheavy-imports = ["myapp.models"]\n',
            "tests/conftest.py": "from myapp.models import User\n",
        },
    )
    assert found(tmp_path, "CC007") == [("tests/conftest.py", 1, "CC007")]


def test_gated_layers_may_import_heavy_modules(split_project: Path) -> None:
    services = split_project / "tests" / "conftest_services.py"
    services.write_text("import pandas\n" + services.read_text())
    assert found(split_project, "CC007") == []


def test_modules_listed_in_lazy_modules_are_not_reported(tmp_path: Path) -> None:
    conftest = '__lazy_modules__ = ["pandas"]\n\nimport numpy\nimport pandas\n'
    write_tree(tmp_path, {"tests/conftest.py": conftest})
    assert found(tmp_path, "CC007") == [("tests/conftest.py", 3, "CC007")]


FIXABLE = """\
import json

import pytest
from decimal import Decimal

CODECS = [json]


@pytest.fixture
def price():
    return Decimal("1.50")


@pytest.fixture(params=[Decimal("0.1")])
def rate(request):
    return request.param
"""
HEAVY = '[tool.conftest-codemods]\nheavy-imports = ["json", "decimal"]\n'


def test_fix_defers_what_is_safe_and_reports_the_rest_with_the_reason(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": HEAVY, "tests/conftest.py": FIXABLE})
    findings = run(tmp_path, "CC007").findings
    assert [(f.line, f.fixable) for f in findings] == [(1, True), (4, False)]
    assert "`fix` defers it (lazy module proxy)" in findings[0].message
    assert "`fix` keeps it eager: the decorator at line 14 reads it" in findings[1].message

    fixed = run(tmp_path, "CC007", fix=True)
    fixed.write()
    conftest = (tmp_path / "tests" / "conftest.py").read_text(encoding="utf-8")
    assert 'json = _lazy_module("json")' in conftest
    assert (tmp_path / "conftest_codemods_runtime.py").read_text() == runtime_text(tmp_path)
    assert [fix.path.name for fix in fixed.fixes] == ["conftest.py", "conftest_codemods_runtime.py"]
    assert [fix.codes for fix in fixed.fixes] == [{"CC007": 1}, {}]
    assert [(f.fixable, "`decimal`" in f.message) for f in fixed.findings] == [(False, True)]

    again = run(tmp_path, "CC007", fix=True)
    assert again.fixes == ()
    assert again.findings == fixed.findings


MOVABLE = """\
import fractions
import pytest


@pytest.fixture
def half():
    return fractions.Fraction(1, 2)
"""


def test_fix_moves_an_import_into_its_fixture_then_check_is_clean(tmp_path: Path) -> None:
    pyproject = '[tool.conftest-codemods]\nheavy-imports = ["fractions"]\n'
    write_tree(tmp_path, {"pyproject.toml": pyproject, "tests/conftest.py": MOVABLE})
    run(tmp_path, "CC007", fix=True).write()
    conftest = (tmp_path / "tests" / "conftest.py").read_text(encoding="utf-8")
    assert "def half():\n    import fractions\n    return" in conftest
    assert not (tmp_path / "conftest_codemods_runtime.py").exists()
    assert found(tmp_path, "CC007") == []


def test_a_module_missing_where_the_tests_run_stays_and_is_not_fixable(tmp_path: Path) -> None:
    pyproject = '[tool.conftest-codemods]\nheavy-imports = ["no_such_heavy_lib"]\n'
    conftest = MOVABLE.replace("fractions", "no_such_heavy_lib")
    write_tree(tmp_path, {"pyproject.toml": pyproject, "tests/conftest.py": conftest})
    [finding] = run(tmp_path, "CC007").findings
    assert not finding.fixable
    assert "it cannot be found in this environment" in finding.message


def test_a_suppressed_import_is_left_alone_by_fix(tmp_path: Path) -> None:
    pyproject = '[tool.conftest-codemods]\nheavy-imports = ["fractions"]\n'
    conftest = MOVABLE.replace(
        "import fractions\n", "import fractions  # conftest-codemods: ignore[CC007]\n"
    )
    write_tree(tmp_path, {"pyproject.toml": pyproject, "tests/conftest.py": conftest})
    assert run(tmp_path, "CC007", fix=True).fixes == ()


def test_a_runtime_we_did_not_write_stops_the_fix(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": HEAVY,
        "tests/conftest.py": FIXABLE,
        "conftest_codemods_runtime.py": "X = 1\n",
    }
    write_tree(tmp_path, files)
    result = run(tmp_path, "CC007", fix=True)
    assert result.fixes == ()
    assert len(result.errors) == 1
    assert "runtime.py: exists and was not written by conftest-codemods" in result.errors[0]


def test_fix_after_migrate_no_lazy_gives_what_migrate_defers(tmp_path: Path) -> None:
    """One transform: CC007's fix of the always-loaded layers that `migrate --no-lazy` wrote
    equals what `migrate` writes (the golden pair 28_migrate_no_lazy / 27_migrate_lazy)."""
    golden = Path(__file__).parents[2] / "golden"
    root = copy_tree(golden / "28_migrate_no_lazy" / "after", tmp_path / "project")
    run(root, "CC007", fix=True).write()
    expected = copy_tree(golden / "27_migrate_lazy" / "after", tmp_path / "expected") / "tests"
    for name in ("conftest_base.py", "conftest_mocks.py"):
        assert (root / "tests" / name).read_text() == (expected / name).read_text(), name
    runtime = "conftest_codemods_runtime.py"
    assert (root / runtime).read_text() == (expected.parent / runtime).read_text()


def test_fix_keeps_bound_what_the_layers_above_read(tmp_path: Path) -> None:
    """A try-import in base that only the services layer reads (through the conftest's
    namespace, declared under its ``TYPE_CHECKING``) is deferred with a proxy, as ``migrate``
    defers it (golden 29), not kept eager as unused."""
    golden = Path(__file__).parents[2] / "golden" / "29_lazy_optional_import_in_try"
    root = copy_tree(golden / "before", tmp_path / "project")
    migrate(root / "tests" / "conftest.py", lazy=False).write()
    run(root, "CC007", fix=True).write()
    expected = golden / "after" / "tests" / "conftest_base.py"
    assert (root / "tests" / "conftest_base.py").read_text() == expected.read_text()


def test_the_fix_command_names_the_support_module_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"pyproject.toml": HEAVY, "tests/conftest.py": FIXABLE})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["fix", "--select", "CC007"])
    assert result.exit_code == 1, "the params= import is left"
    assert "fixed tests/conftest.py (CC007 x1)" in result.stderr
    assert "wrote conftest_codemods_runtime.py (a support module the fixes above need)" in (
        result.stderr
    )


def test_hooks_fixtures_and_star_imports_are_not_called_unused(tmp_path: Path) -> None:
    plugin = "import pytest\n\n\n@pytest.fixture\ndef frame():\n    return 1\n"
    plugin += "\n\ndef pytest_configure(config):\n    pass\n"
    conftest = (
        "from heavyfix.fixtures import *\n"
        "from heavyfix.fixtures import frame\n"
        "from heavyfix.fixtures import pytest_configure\n"
    )
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.conftest-codemods]\nheavy-imports = ["heavyfix"]\n',
            "heavyfix/__init__.py": "",
            "heavyfix/fixtures.py": plugin,
            "tests/conftest.py": conftest,
            "tests/test_a.py": "def test_a(frame):\n    pass\n",
        },
    )
    star, fixture, hook = run(tmp_path, "CC007").findings
    assert not any(f.fixable for f in (star, fixture, hook))
    assert "a star import, whose names pytest reads as fixtures and hooks" in star.message
    assert "pytest may read it as a fixture" in fixture.message
    assert "pytest calls `pytest_configure` as a hook" in hook.message
    assert "no name it binds is used:" not in fixture.message + hook.message
