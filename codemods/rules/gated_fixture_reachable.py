"""CC014: a test that the orchestrator runs without a gated layer requests one of its fixtures.

The orchestrator loads ``conftest_services.py`` / ``conftest_e2e.py`` for a test only when an
env var, ``-m`` or a path names the layer. A test whose path and markers do not is collected in
the default run anyway: its layer is then loaded on demand (a unit run pays for the whole
services stack), or the test is skipped under ``gated-mode = "skip"``, and a fixture it asks
for with ``getfixturevalue`` is not found at all. The finding points at the request in the
test module: that is where the decision is made (mark the test, move it, or pin the fixture
lower), one request at a time, and where a ``# conftest-codemods: ignore[CC014]`` belongs.

Opt-in: the on-demand loading keeps such tests passing, and a suite that keeps its tests in one
flat directory relies on it for every test that needs a service; the rule is for suites that
sort their tests by directory or marker and want that kept honest.
"""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path

from codemods.analysis.fixture_requests import (
    Request,
    RequestingModule,
    RequestingTest,
    read_requests,
)
from codemods.analysis.statements import statement_units
from codemods.layers import Layer
from codemods.rules.base import Finding, Rule
from codemods.rules.context import FileContext, FileRole
from codemods.rules.discovery import BACKUP_NAME
from codemods.rules.suppression import read_suppressions
from codemods.scan import python_files

DEFAULT_TEST_FILES = ("test_*.py", "*_test.py")
Scope = Mapping[str, frozenset[str]]
"""Fixture name -> the fixtures it requests, for the fixtures of one module or directory."""


class GatedFixtureReachable(Rule):
    code = "CC014"
    name = "gated-fixture-reachable"
    summary = "A test outside the gated paths and markers requests a gated layer's fixture."
    why = (
        "The default run loads the gated layer on demand for such a test (every unit run pays "
        "for it), skips the test under gated-mode = 'skip', and a getfixturevalue() request "
        "is not found at all. Not fixable automatically, the choice is yours: mark the test "
        "(or its module) with a marker of `marker-layers`, move it under such a directory, "
        "or move the fixture to an always-loaded layer."
    )
    default = False

    def check(self, context: FileContext) -> Iterator[Finding]:
        layer = context.layer
        if context.role is not FileRole.LAYER or layer is None or not layer.gated:
            return
        gated = {
            fixture.name: fixture.requests
            for unit in context.fixtures.units
            for fixture in unit.fixtures
        }
        if gated:
            yield from _Search(context, layer, gated).findings(self.code)


class _Search:
    """The test modules below one gated layer's directory, and the fixtures between them."""

    def __init__(self, context: FileContext, layer: Layer, gated: Scope) -> None:
        self.context = context
        self.layer = layer
        self.gated = gated
        self.scopes: dict[Path, list[Scope]] = {}
        self.filters: dict[Path, re.Pattern[str] | None] = {}

    @cached_property
    def directory_scope(self) -> Scope:
        """The always-loaded fixtures beside the layer (a gated fixture is reached through
        them; fixtures of other gated layers are that layer's findings)."""
        return {
            fixture.name: fixture.requests
            for module in self.context.group.files.values()
            if module.role in (FileRole.LAYER, FileRole.CONFTEST) and module.always_loaded
            for unit in module.fixtures.units
            for fixture in unit.fixtures
        }

    def findings(self, code: str) -> Iterator[Finding]:
        config = self.context.group.pytest_config
        patterns = (config.values("python_files") if config else []) or DEFAULT_TEST_FILES
        root = config.rootdir if config else self.context.path.parent
        for path in python_files(self.context.path.parent):
            if any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns):
                yield from self._file(path, _parts(path, root), code)

    def _file(self, path: Path, parts: Sequence[str], code: str) -> Iterator[Finding]:
        scopes = self._scopes(path.parent)
        mentions = self._filter(path.parent, scopes)
        if mentions is None:
            return
        text = path.read_text(encoding="utf-8", errors="replace")
        if mentions.search(text) is None:
            return
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return
        module = read_requests(tree)
        scopes = [_module_scope(module), *scopes]
        found: dict[tuple[int, int], Finding] = {}
        for test in module.tests:
            if self._covered(test.markers, parts):
                continue
            names: set[str] = set()  # an indirect parameter is also an argument: once
            for request in _all_requests(test, module):
                site = (request.line, request.col)
                if request.name in names or site in found:
                    continue
                names.add(request.name)
                chain = _reach(request.name, scopes, self.gated)
                if chain is not None:
                    message = self._message(test, chain)
                    found[site] = Finding(path, request.line, request.col, code, message)
        if found:
            starts = [unit.line for unit in statement_units(tree, text)]
            suppressions = read_suppressions(text, lambda: starts)
            yield from (f for f in found.values() if not suppressions.hides(f))

    def _scopes(self, directory: Path) -> list[Scope]:
        """Fixture scopes from ``directory`` up to the layer's directory, innermost first."""
        if directory not in self.scopes:
            if directory == self.context.path.parent:
                self.scopes[directory] = [self.directory_scope]
            else:
                self.scopes[directory] = [
                    _conftest_scope(directory),
                    *self._scopes(directory.parent),
                ]
        return self.scopes[directory]

    def _filter(self, directory: Path, scopes: list[Scope]) -> re.Pattern[str] | None:
        """A cheap test before parsing a module of ``directory``: does it name a fixture that
        leads to the layer? (``None``: no fixture there does.)"""
        if directory not in self.filters:
            names = {name for scope in scopes for name in scope} | set(self.gated)
            reaching = sorted(n for n in names if _reach(n, scopes, self.gated) is not None)
            pattern = r"\b(?:" + "|".join(map(re.escape, reaching)) + r")\b"
            self.filters[directory] = re.compile(pattern) if reaching else None
        return self.filters[directory]

    def _covered(self, markers: frozenset[str], parts: Sequence[str]) -> bool:
        """Whether the test's markers or directories ask the orchestrator for this layer
        (or a higher one, which builds on it)."""
        settings = self.context.settings
        words = {*markers, *parts}
        by_path = settings.path_markers or {}
        words |= {by_path[part] for part in parts if part in by_path}
        asked = {settings.marker_layers[word] for word in words if word in settings.marker_layers}
        return any(layer >= self.layer for layer in asked)

    def _message(self, test: RequestingTest, chain: Sequence[str]) -> str:
        layers = self.context.settings.marker_layers
        markers = sorted((layers[word], word) for word in layers if layers[word] >= self.layer)
        mark = f"mark the test `{markers[0][1]}` or " if markers else ""
        return (
            f"{test.name} requests {' -> '.join(chain)} from the gated {self.layer.label} layer "
            f"({self.layer.module_stem}.py), which neither its path nor its markers load "
            f"({mark}move {chain[-1]} to an always-loaded layer)"
        )


def _all_requests(test: RequestingTest, module: RequestingModule) -> Iterator[Request]:
    """The test's own requests, then the module's autouse fixtures (at their definition)."""
    yield from test.requests
    for name, fixture in module.fixtures.items():
        if fixture.autouse:
            yield Request(name, fixture.line, fixture.col)


def _reach(
    name: str,
    scopes: Sequence[Scope],
    gated: Scope,
    start: int = 0,
    seen: set[tuple[str, int]] | None = None,
) -> list[str] | None:
    """The request chain from ``name`` to a gated fixture, resolved as pytest resolves it:
    the innermost scope defining a name wins, and a fixture requesting its own name gets the
    one further out."""
    seen = set() if seen is None else seen
    for index in range(start, len(scopes)):
        if name in scopes[index]:
            for request in sorted(scopes[index][name]):
                after = index + 1 if request == name else 0
                if (request, after) not in seen:
                    seen.add((request, after))
                    chain = _reach(request, scopes, gated, after, seen)
                    if chain is not None:
                        return [name, *chain]
            return None
    return [name] if name in gated else None


def _module_scope(module: RequestingModule) -> Scope:
    return {name: fixture.requests for name, fixture in module.fixtures.items()}


def _conftest_scope(directory: Path) -> Scope:
    """The fixtures of the conftest modules of a directory below the layer's (they override
    the layer's fixtures for the tests there)."""
    scope: dict[str, frozenset[str]] = {}
    for path in sorted(directory.glob("conftest*.py")):
        if path.name != BACKUP_NAME:
            try:
                tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
            except SyntaxError:
                continue
            module = read_requests(tree)
            scope.update((name, f.requests) for name, f in module.fixtures.items())
    return scope


def _parts(path: Path, root: Path) -> tuple[str, ...]:
    """The directories of ``path`` below the rootdir (the orchestrator marks tests by them)."""
    try:
        return path.resolve().relative_to(root.resolve()).parts[:-1]
    except ValueError:
        return path.parts[:-1]
