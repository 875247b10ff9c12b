"""CC011 (opt-in): the pytest configuration sets no `testpaths`."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, run, write_tree


def test_testpaths_set_is_fine(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": "import pytest\n"})
    assert found(tmp_path, "CC011") == []


def test_missing_testpaths_is_reported_on_the_config_file(tmp_path: Path) -> None:
    pyproject = "[project]\nname = 'x'\n\n[tool.pytest.ini_options]\naddopts = []\n"
    write_tree(tmp_path, {"pyproject.toml": pyproject, "tests/conftest.py": "import pytest\n"})
    assert found(tmp_path, "CC011") == [("pyproject.toml", 4, "CC011")]


def test_it_is_off_by_default(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {"pyproject.toml": "[tool.pytest.ini_options]\n", "conftest.py": "x = 1\n"}
    )
    from codemods.lint import lint

    assert lint([tmp_path]).findings == ()
    assert run(tmp_path, "CC011").findings != ()
