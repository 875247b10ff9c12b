"""CC009: `pytest_plugins` below the rootdir and the testpaths."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, write_tree

PLUGINS = 'pytest_plugins = ["pytester"]\n'


def test_plugins_in_the_testpaths_conftest_are_fine(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": PLUGINS, "conftest.py": PLUGINS})
    assert found(tmp_path, "CC009") == []


def test_plugins_in_a_nested_conftest_are_reported(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/sub/conftest.py": "import os\n\n" + PLUGINS})
    assert found(tmp_path, "CC009") == [("tests/sub/conftest.py", 3, "CC009")]
