"""The rule framework: registry, selection, suppression, per-file ignores and discovery."""

from __future__ import annotations

import pkgutil
import re
import subprocess
from pathlib import Path

import pytest

import codemods.rules
from codemods.errors import ConfigError
from codemods.lint import lint
from codemods.lint.selection import Choice
from codemods.rule_base.rule import Rule
from codemods.rules import RULES
from tests.rules.lintutil import found, write_tree

README = Path(__file__).parents[2] / "README.md"
CONNECT = 'import sqlite3\n\nDB = sqlite3.connect("x.db")\n'


def test_every_rule_module_is_registered_once_with_a_unique_code_and_readme_section() -> None:
    modules = {info.name for info in pkgutil.iter_modules(codemods.rules.__path__)}
    registered = {type(rule).__module__.rpartition(".")[2] for rule in RULES}
    assert modules == registered  # rules/ holds rules only: the engine is codemods/lint/
    codes = [rule.code for rule in RULES]
    assert codes == sorted(set(codes))
    assert all(re.fullmatch(r"CC\d{3}", code) for code in codes)
    assert len({rule.name for rule in RULES}) == len(RULES)
    readme = README.read_text(encoding="utf-8")
    for rule in RULES:
        assert isinstance(rule, Rule)
        assert f"### {rule.code} {rule.name}" in readme


def test_inline_suppression_on_the_line_or_the_unit_first_line(tmp_path: Path) -> None:
    source = (
        "import sqlite3\n\n"
        'DB = sqlite3.connect("x.db")  # conftest-codemods: ignore[CC008]\n'
        'OTHER = sqlite3.connect("y.db")  # conftest-codemods: ignore[CC001]\n\n\n'
        "class Holder:  # conftest-codemods: ignore\n"
        '    db = sqlite3.connect("z.db")\n'
    )
    write_tree(tmp_path, {"tests/conftest.py": source})
    assert found(tmp_path, "CC008") == [("tests/conftest.py", 4, "CC008")]


def test_select_ignore_and_extend_select_by_prefix(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": CONNECT})
    assert [f.code for f in lint([tmp_path]).findings] == ["CC008"]
    assert lint([tmp_path], choice=Choice(ignore=("CC00",))).findings == ()
    assert lint([tmp_path], choice=Choice(select=("CC01",))).findings == ()
    extended = lint([tmp_path], choice=Choice(select=("CC008",), extend_select=("CC011",)))
    assert [f.code for f in extended.findings] == ["CC008"]  # testpaths is set


def test_unknown_code_is_a_config_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": CONNECT})
    with pytest.raises(ConfigError, match="unknown rule 'CC999'"):
        lint([tmp_path], choice=Choice(select=("CC999",)))


def test_per_file_ignores_and_exclude_from_the_configuration(tmp_path: Path) -> None:
    config = (
        "[tool.pytest.ini_options]\n"
        'testpaths = ["tests"]\n\n'
        "[tool.conftest-codemods]\n"
        'exclude = ["legacy"]\n\n'
        "[tool.conftest-codemods.per-file-ignores]\n"
        '"tests/sub/conftest.py" = ["CC008"]\n'
    )
    write_tree(
        tmp_path,
        {
            "pyproject.toml": config,
            "tests/conftest.py": CONNECT,
            "tests/sub/conftest.py": CONNECT,
            "legacy/conftest.py": CONNECT,
        },
    )
    assert found(tmp_path, "CC008") == [("tests/conftest.py", 3, "CC008")]
    explicit = lint([tmp_path / "legacy" / "conftest.py"]).findings
    assert [f.code for f in explicit] == ["CC008"]


def test_gitignored_files_and_the_legacy_backup_are_skipped(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_tree(
        tmp_path,
        {
            ".gitignore": "generated/\n",
            "tests/conftest.py": CONNECT,
            "tests/conftest_legacy_backup.py": CONNECT,
            "generated/conftest.py": CONNECT,
        },
    )
    result = lint([tmp_path])
    assert [f.path.relative_to(tmp_path).as_posix() for f in result.findings] == [
        "tests/conftest.py"
    ]


def test_gitignore_patterns_apply_outside_a_git_work_tree(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".gitignore": "# comment\nbuild-*\n",
            "tests/conftest.py": CONNECT,
            "build-1/conftest.py": CONNECT,
        },
    )
    if (
        subprocess.run(["git", "-C", str(tmp_path), "rev-parse"], capture_output=True).returncode
        == 0
    ):
        pytest.skip("tmp_path is inside a git work tree here")
    assert [f.path.parent.name for f in lint([tmp_path]).findings] == ["tests"]


def test_a_file_that_does_not_parse_is_an_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a/conftest.py": "def broken(:\n", "b/conftest.py": CONNECT})
    result = lint([tmp_path])
    assert [f.code for f in result.findings] == ["CC008"]
    [error] = result.errors
    assert "a/conftest.py: syntax error at line 1" in error


def test_many_directories_are_checked_in_worker_processes_with_the_same_result(
    tmp_path: Path,
) -> None:
    files = {f"pkg{n}/conftest.py": CONNECT for n in range(8)}
    write_tree(tmp_path, files)
    progress: list[tuple[int, int]] = []
    result = lint([tmp_path], progress=lambda done, total: progress.append((done, total)))
    assert len(result.findings) == 8
    assert progress[-1] == (8, 8)
