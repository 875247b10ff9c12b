"""CC015: import cycles through conftest modules, in plain directories and in packages."""

from __future__ import annotations

import sys
from pathlib import Path

from codemods.lint import lint
from codemods.lint.selection import Choice
from tests.rules.lintutil import found, write_tree

PLAIN = {
    "tests/conftest.py": "import helpers\n",
    "tests/helpers.py": "import conftest_base\n\nVALUE = 1\n",
    "tests/conftest_base.py": '"""Base."""\n\nimport os\n    \nfrom helpers import VALUE\n',
}


def _messages(root: Path) -> list[str]:
    return [f.message for f in lint([root], choice=Choice(select=("CC015",))).findings]


def test_no_cycle_is_fine(tmp_path: Path) -> None:
    write_tree(tmp_path, {**PLAIN, "tests/helpers.py": "VALUE = 1\n"})
    assert found(tmp_path, "CC015") == []


def test_cycle_in_a_plain_directory_is_reported_once_at_its_first_import(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, PLAIN)
    assert found(tmp_path, "CC015") == [("tests/conftest_base.py", 5, "CC015")]
    assert _messages(tmp_path) == ["import cycle: conftest_base -> helpers -> conftest_base"]


def test_a_cycle_through_two_conftest_modules_is_reported_in_the_first(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "conftest_base.py": "import conftest_mocks\n",
            "conftest_mocks.py": "\nimport conftest_base\n",
            "test_a.py": "import conftest_base\n",
        },
    )
    assert found(tmp_path, "CC015") == [("conftest_base.py", 1, "CC015")]


def test_cycle_inside_a_package_with_relative_imports(tmp_path: Path) -> None:
    # ``tests`` is also the name of this project's own test package, already imported here.
    ours = sys.modules["tests"]
    write_tree(
        tmp_path,
        {
            "tests/__init__.py": "",
            "tests/conftest.py": "from tests.support import make\n",
            "tests/support/__init__.py": "from .factories import make\n",
            "tests/support/factories.py": "from ..conftest import pytest_plugins\n\nmake = 1\n",
            "tests/unit/__init__.py": "",
            "tests/unit/conftest.py": "from tests.support import make\n",
        },
    )
    assert found(tmp_path, "CC015") == [("tests/conftest.py", 1, "CC015")]
    assert _messages(tmp_path) == [
        "import cycle: tests.conftest -> tests.support -> tests.support.factories -> tests.conftest"
    ]
    assert sys.modules["tests"] is ours


def test_type_checking_imports_do_not_count(tmp_path: Path) -> None:
    helpers = "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import conftest_base\n"
    write_tree(tmp_path, {**PLAIN, "tests/helpers.py": helpers})
    assert found(tmp_path, "CC015") == []


def test_a_changed_file_is_seen_by_the_next_check(tmp_path: Path) -> None:
    write_tree(tmp_path, PLAIN)
    assert len(found(tmp_path, "CC015")) == 1
    (tmp_path / "tests" / "helpers.py").write_text("VALUE = 2  # no import any more\n")
    assert found(tmp_path, "CC015") == []


def test_a_module_that_does_not_parse_leaves_the_root_unchecked(tmp_path: Path) -> None:
    write_tree(tmp_path, {**PLAIN, "tests/data.py": "print 'python 2'\n"})
    result = lint([tmp_path], choice=Choice(select=("CC015",)))
    assert (result.findings, result.errors) == ((), ())
