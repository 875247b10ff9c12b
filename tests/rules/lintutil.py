"""Helpers for the rule tests: write a small project to disk, run the real linter on it."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

from codemods.api import migrate
from codemods.lint import LintResult, lint
from codemods.lint.selection import Choice

PYPROJECT = """\
[tool.pytest.ini_options]
testpaths = ["tests"]
asyncio_default_fixture_loop_scope = "function"
markers = ["slow: slow tests"]
"""


def write_tree(root: Path, files: Mapping[str, str]) -> Path:
    """Write dedented ``files`` (relative path -> text) under ``root``; a pyproject by default."""
    if "pyproject.toml" not in files:
        (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run(root: Path, *codes: str, fix: bool = False) -> LintResult:
    """Lint ``root`` with only ``codes`` selected."""
    return lint([root], choice=Choice(select=codes), fix=fix)


def found(root: Path, code: str) -> list[tuple[str, int, str]]:
    """(path relative to root, line, code) of every finding of ``code``."""
    return [
        (finding.path.relative_to(root).as_posix(), finding.line, finding.code)
        for finding in run(root, code).findings
    ]


def migrated(root: Path, conftest: str, files: Mapping[str, str] | None = None) -> Path:
    """A project whose ``tests/conftest.py`` (``conftest``) was split by ``migrate``."""
    write_tree(root, {"tests/conftest.py": conftest, **(files or {})})
    migrate(root / "tests" / "conftest.py", backup=False).write()
    return root
