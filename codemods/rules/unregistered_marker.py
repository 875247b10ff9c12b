"""CC012: A marker used in conftests or tests that is never registered.

A ``pytest.mark.NAME`` in a conftest or a test module that is not registered: pytest built-ins,
common plugin markers, ``markers`` in the configuration, ``config.addinivalue_line("markers",
...)`` and the orchestrator's path markers count. A registration computed in a loop (``for key,
value in [("markers", "backend: ..."), ...]: config.addinivalue_line(key, value)``) counts every
``name: ...`` string of the function that makes it. pytest only warns about an unknown marker
(``PytestUnknownMarkWarning``) unless ``--strict-markers`` is on, so a typo like
``@pytest.mark.intgration`` silently selects nothing under ``-m integration``.

An unregistered marker is usually a typo; ``-m`` then selects nothing and the orchestrator does
not load the layer the marker asks for. Register it under ``markers`` in the pytest
configuration (``"name: what it means"``), or fix the spelling.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from codemods.analysis.import_time import qualified_name
from codemods.discovery import is_skipped
from codemods.generated import LEGACY_BACKUP, is_orchestrator, recorded_path_markers
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

BUILTIN_MARKERS = frozenset(
    {"parametrize", "skip", "skipif", "xfail", "usefixtures", "filterwarnings", "tryfirst",
     "trylast"}
)  # fmt: skip
PLUGIN_MARKERS = frozenset(
    {"asyncio", "anyio", "trio", "django_db", "timeout", "flaky", "benchmark", "order",
     "dependency", "xdist_group", "vcr", "freeze_time", "httpx_mock", "forked", "repeat",
     "no_cover"}
)  # fmt: skip
"""Markers that widely used plugins register for themselves."""
_REGISTRATION = re.compile(r"addinivalue_line\(\s*[\"']markers[\"']\s*,\s*[rfb]*[\"']\s*(\w+)")
_MARKER_LINE = re.compile(r"^\s*(\w+)\s*(?:\(.*\))?\s*:")
"""A ``markers`` ini line: ``name: what it means`` or ``name(arg): ...``."""
_USE = re.compile(r"\bpytest\.mark\.(\w+)")


_MARKERS = """\
[tool.pytest.ini_options]
testpaths = ["tests"]
markers = ["integration: needs the real database"]
"""


class UnregisteredMarker(Rule):
    code = "CC012"
    name = "unregistered-marker"

    INVALID = (
        Invalid(
            {
                "pyproject.toml": _MARKERS,
                "tests/conftest.py": "import pytest\n",
                "tests/test_orders.py": """\
import pytest


@pytest.mark.intgration
def test_order_is_stored():
    assert True
""",
            }
        ),
    )
    VALID = (
        Valid(
            {
                "pyproject.toml": _MARKERS,
                "tests/conftest.py": "import pytest\n",
                "tests/test_orders.py": """\
import pytest


@pytest.mark.integration
def test_order_is_stored():
    assert True
""",
            }
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        uses = list(_conftest_uses(context))
        if context.role in (FileRole.CONFTEST, FileRole.ORCHESTRATOR):
            uses += list(_test_uses(context.path.parent))
        if not uses:
            return
        registered = _registered(context)
        for path, line, col, marker in uses:
            if marker not in registered:
                yield Finding(
                    path,
                    line,
                    col,
                    self.code,
                    f"marker {marker!r} is not registered (add it to `markers` in the pytest "
                    "configuration)",
                )


def _conftest_uses(context: FileContext) -> Iterator[tuple[Path, int, int, str]]:
    if context.role is FileRole.RUNTIME or "mark" not in context.source.text:
        return
    for node in ast.walk(context.tree):
        if isinstance(node, ast.Attribute):
            name = qualified_name(node, context.aliases) or ""
            parts = name.split(".")
            if len(parts) == 3 and parts[:2] == ["pytest", "mark"]:
                yield context.path, node.lineno, node.col_offset + 1, parts[2]


def _test_uses(directory: Path) -> Iterator[tuple[Path, int, int, str]]:
    """``pytest.mark.X`` in the test modules this conftest governs (not in subdirectories
    with a conftest of their own: that one reports them)."""
    for path in sorted(directory.iterdir()):
        if path.is_dir():
            if _governed(path):
                yield from _test_uses(path)
        elif path.suffix == ".py" and (
            path.name.startswith("test_") or path.stem.endswith("_test")
        ):
            text = path.read_text(encoding="utf-8", errors="replace")
            for number, row in enumerate(text.splitlines(), 1):
                for match in _USE.finditer(row):
                    yield path, number, match.start() + 1, match.group(1)


def _governed(directory: Path) -> bool:
    return not is_skipped(directory.name) and not (directory / "conftest.py").is_file()


def _registered(context: FileContext) -> frozenset[str]:
    config = context.group.pytest_config
    names = set(BUILTIN_MARKERS | PLUGIN_MARKERS)
    if config is not None:
        names |= {
            re.split(r"[:(]", line, maxsplit=1)[0].strip() for line in config.values("markers")
        }
    root = config.rootdir.resolve() if config else context.path.parent.resolve()
    directory = context.path.parent.resolve()
    for folder in (directory, *directory.parents):
        for conftest in sorted(folder.glob("conftest*.py")):
            if conftest.name == LEGACY_BACKUP:
                continue
            text = conftest.read_text(encoding="utf-8", errors="replace")
            names |= _registrations(text)
            if conftest.name == "conftest.py" and is_orchestrator(text):
                names |= set((recorded_path_markers(text) or {}).values())
        if folder == root or not folder.is_relative_to(root):
            break
    return frozenset(names)


def _registrations(text: str) -> set[str]:
    """Markers a conftest registers with ``config.addinivalue_line("markers", ...)``.

    A literal call is read directly. A computed one (``for key, value in [("markers",
    "backend: ..."), ...]: config.addinivalue_line(key, value)``) cannot be read that way, so
    every marker-shaped string in the function making it counts as registered: pytest
    registers them at run time, and reporting them would be a false positive.
    """
    names = set(_REGISTRATION.findall(text))
    if text.count("addinivalue_line") <= len(names):
        return names
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return names
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
            _computed_registration(node) for node in ast.walk(function)
        ):
            names |= {
                match[1]
                for node in ast.walk(function)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
                if (match := _MARKER_LINE.match(node.value))
            }
    return names


def _computed_registration(node: ast.AST) -> bool:
    """An ``addinivalue_line(...)`` call whose arguments are not both literal strings."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "addinivalue_line"
        and not all(isinstance(arg, ast.Constant) for arg in node.args[:2])
    )
