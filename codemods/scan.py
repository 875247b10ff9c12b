"""What the rest of the project needs from a conftest, found by reading the files around it.

Tests may ``from conftest import helper``, patch ``"conftest.NAME"`` or call
``request.getfixturevalue("name")``; none of that is visible in the conftest itself, and each
use must keep working in every run, so the planner keeps those units always loaded.
The application's own packages count as a services signal (importing them usually pulls in the
whole stack).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from codemods.analysis.import_time import dotted_name

_SKIPPED_DIRECTORIES = frozenset(
    {".git", ".hg", ".tox", ".nox", ".venv", "venv", "node_modules", "__pycache__", "build", "dist"}
)
_PATCH_TARGET = re.compile(r"(?:^|\.)conftest\.(\w+)")
_PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


@dataclass(frozen=True)
class ExternalUses:
    """What code outside the conftest reaches into it for (found by scanning the tests)."""

    names: frozenset[str] = frozenset()
    """Names tests import from ``conftest`` or read as ``conftest.<name>``."""
    fixture_values: frozenset[str] = frozenset()
    """Fixture names passed as literals to ``request.getfixturevalue`` in tests."""
    dynamic_lookup: str | None = None
    """``path:line`` of a test passing a computed name to ``request.getfixturevalue``."""


def scan_external_uses(conftest: Path, generated: frozenset[str]) -> ExternalUses:
    """Names and fixture values that Python files under the conftest's directory reach for.

    ``generated`` holds the file names ``migrate`` writes there, which are not scanned.
    """
    names: set[str] = set()
    fixture_values: set[str] = set()
    dynamic: list[str] = []
    for path in python_files(conftest.parent):
        if path.name in generated or path == conftest:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "conftest" not in text and "getfixturevalue" not in text:
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        _collect(tree, names, fixture_values, dynamic, _relative(path, conftest.parent))
    return ExternalUses(frozenset(names), frozenset(fixture_values), min(dynamic, default=None))


def python_files(directory: Path) -> Iterator[Path]:
    """Every ``.py`` file under ``directory``, sorted, skipping virtualenvs, caches and VCS."""
    for entry in sorted(directory.iterdir()):
        if entry.is_dir():
            if entry.name not in _SKIPPED_DIRECTORIES and not entry.name.startswith("."):
                yield from python_files(entry)
        elif entry.suffix == ".py":
            yield entry


def _collect(
    tree: ast.Module, names: set[str], fixture_values: set[str], dynamic: list[str], where: str
) -> None:
    module_aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and _is_conftest(node.module):
            names.update(alias.name for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.ImportFrom) and node.module is None:
            module_aliases.update(
                alias.asname or alias.name for alias in node.names if alias.name == "conftest"
            )
        elif isinstance(node, ast.Import):
            module_aliases.update(
                alias.asname or alias.name for alias in node.names if _is_conftest(alias.name)
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.update(_PATCH_TARGET.findall(node.value))
        elif isinstance(node, ast.Call) and is_getfixturevalue(node):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                fixture_values.add(first.value)
            else:
                dynamic.append(f"{where}:{node.lineno}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and dotted_name(node.value) in module_aliases:
            names.add(node.attr)


def _relative(path: Path, directory: Path) -> str:
    return path.relative_to(directory).as_posix()


def _is_conftest(module: str | None) -> bool:
    return module is not None and module.rpartition(".")[2] == "conftest"


def is_getfixturevalue(call: ast.Call) -> bool:
    """Whether ``call`` is ``<request>.getfixturevalue(...)`` with an argument."""
    function = call.func
    return (
        isinstance(function, ast.Attribute)
        and function.attr == "getfixturevalue"
        and bool(call.args)
    )


def first_party_packages(conftest: Path) -> frozenset[str]:
    """Top-level packages of the project holding ``conftest`` (at its root or under ``src/``).

    The package that contains the conftest itself (``tests``) does not count. Without a
    project file above the conftest nothing does: a conftest inside an installed package has
    ``site-packages`` above it, and pytest or numpy there are not the project's own code.
    """
    root = _project_root(conftest.parent)
    if root is None:
        return frozenset()
    own = conftest.resolve().parent
    packages: set[str] = set()
    for directory in (root, root / "src"):
        if not directory.is_dir():
            continue
        for entry in directory.iterdir():
            if entry.suffix == ".py" and entry.stem.isidentifier() and entry.stem != "conftest":
                packages.add(entry.stem)
            elif (
                (entry / "__init__.py").is_file()
                and entry.name.isidentifier()
                and not own.is_relative_to(entry.resolve())
            ):
                packages.add(entry.name)
    return frozenset(packages - {"setup", "noxfile", "conftest"})


def _project_root(start: Path) -> Path | None:
    resolved = start.resolve()
    for directory in (resolved, *resolved.parents):
        if any((directory / name).is_file() for name in _PROJECT_FILES):
            return directory
    return None
