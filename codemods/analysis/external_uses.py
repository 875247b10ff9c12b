"""What the rest of the project needs from a conftest, found by reading the files around it.

Tests may ``from conftest import helper``, patch ``"conftest.NAME"`` or call
``request.getfixturevalue("name")``; none of that is visible in the conftest itself, and each
use must keep working in every run, so the planner keeps those units always loaded.
Which fixtures the tests request is ``codemods.analysis.fixture_usage``'s job.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from codemods.analysis.import_time import dotted_name
from codemods.discovery import python_files

_PATCH_TARGET = re.compile(r"(?:^|\.)conftest\.(\w+)")


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
