"""Tests that enumerate a package's modules, and so would see the files ``migrate`` adds.

A test parametrized over every module of a package (``pkgutil.walk_packages``,
``pkgutil.iter_modules``, a glob over ``*.py``) gains one id per new layer module, and
importing those modules from such a test runs conftest code outside pytest's conftest
machinery. ``migrate`` cannot rename its modules per project, so it names these tests in a
warning: the user excludes ``conftest_*`` there, or accepts the new ids knowingly.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from codemods.analysis.import_time import dotted_name
from codemods.discovery import python_files
from codemods.interpreter import import_base

_WALKERS = frozenset({"walk_packages", "iter_modules"})
_GLOBS = frozenset({"glob", "iglob", "rglob"})


@dataclass(frozen=True)
class ModuleWalker:
    """One place in a test module that lists the modules or ``.py`` files of a directory."""

    path: Path
    line: int
    how: str
    """``pkgutil.walk_packages``, ``glob('*.py')``, ``endswith('.py')``..."""


def package_root(conftest: Path) -> Path:
    """The outermost package holding ``conftest`` (its directory outside packages): every
    module under it is listed by a walk of that package."""
    directory = conftest.parent.resolve()
    base = import_base(conftest)
    return directory if base == directory else base / directory.relative_to(base).parts[0]


def module_walkers(directory: Path) -> list[ModuleWalker]:
    """The module-enumerating calls in the test modules under ``directory``."""
    found: list[ModuleWalker] = []
    for path in python_files(directory):
        if not (path.name.startswith("test_") or path.stem.endswith("_test")):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not any(word in text for word in (*_WALKERS, ".py")):
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        found.extend(ModuleWalker(path, line, how) for line, how in _walks(tree))
    return found


def _walks(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if last in _WALKERS:
            yield node.lineno, dotted_name(func) or last
        elif last in _GLOBS | {"endswith"}:
            patterns = [_py_pattern(arg) for arg in node.args]
            pattern = next((p for p in patterns if p is not None), None)
            if pattern is not None:
                yield node.lineno, f"{last}({pattern!r})"


def _py_pattern(node: ast.expr) -> str | None:
    """A string constant naming Python files (``*.py``, ``.py``), else ``None``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if node.value.endswith(".py") else None
    return None
