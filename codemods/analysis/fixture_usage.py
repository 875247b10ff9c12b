"""Which fixtures of a conftest the tests below it reach, read statically (no rewriting).

This is the one answer to "which fixtures do these tests need": the planner keeps what the
default run needs always loaded (DESIGN.md section 3), and CC014 reports a test that reaches a
gated layer's fixture without asking for the layer. Both walk the same test modules, resolve
requests the same way and group tests as the orchestrator gates them.

pytest resolves every name of a test's fixture closure at the test's place in the suite: the
innermost definition wins (its classes, its module, the conftests of its directories up to
ours), and a fixture requesting its own name gets the definition further out. So a conftest
fixture's request may land on a test module's fixture, and a test module's or a subdirectory
conftest's fixture may lead back to ours. Autouse fixtures count as requested by every test they
apply to. What a test asks for with a computed ``getfixturevalue`` name is not known here; the
planner keeps every fixture always loaded then (``codemods.analysis.external_uses``), and the
orchestrator's safety net covers a gated one.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from codemods.analysis.fixture_requests import ModuleFixture, RequestingModule, read_requests
from codemods.analysis.fixtures import Fixture
from codemods.discovery import python_files
from codemods.layers import Layer

if TYPE_CHECKING:  # a runtime import would cycle through codemods.rules (CC014 imports us)
    from codemods.config import Settings
    from codemods.pytest_config import PytestConfig

DEFAULT_TEST_FILES = ("test_*.py", "*_test.py")
Scope = Mapping[str, ModuleFixture]
"""The fixtures defined at one place (a class, a module, the conftests of a directory)."""
Chain = tuple[str, ...]
"""Request names from what a test asks for to a fixture it reaches (``order -> customer``)."""


def fixture_scope(fixtures: Iterable[Fixture]) -> Scope:
    """The scope of a conftest's fixtures (several definitions of a name: all their requests)."""
    scope: dict[str, ModuleFixture] = {}
    for fixture in fixtures:
        known = scope.get(fixture.name)
        requests = fixture.requests | (known.requests if known else frozenset())
        autouse = fixture.autouse or (known is not None and known.autouse)
        scope[fixture.name] = ModuleFixture(requests, autouse, 0, 0)
    return scope


class Resolver:
    """Resolves fixture names at one place in the suite, as pytest does.

    ``scopes`` go from the innermost (the test's class) to the outermost (the conftest whose
    fixtures we ask about); what is found in the outermost scope is what the tests reach there.
    """

    def __init__(self, scopes: Sequence[Scope]) -> None:
        self.scopes = scopes
        self.memo: dict[str, dict[str, Chain]] = {}
        self.autouse = [name for scope in scopes for name, f in scope.items() if f.autouse]
        """The autouse fixtures of every scope (they apply to each test there)."""

    def reach(self, name: str) -> Mapping[str, Chain]:
        """Fixture of the outermost scope -> the first request chain from ``name`` to it."""
        if name not in self.memo:
            found: dict[str, Chain] = {}
            self._visit(name, 0, (), found, set())
            self.memo[name] = found
        return self.memo[name]

    def reach_all(self, names: Iterable[str]) -> set[str]:
        return {target for name in names for target in self.reach(name)}

    def _visit(
        self, name: str, start: int, chain: Chain, found: dict[str, Chain], seen: set[object]
    ) -> None:
        if (name, start) in seen:
            return
        seen.add((name, start))
        last = len(self.scopes) - 1
        for index in range(start, last + 1):
            fixture = self.scopes[index].get(name)
            if fixture is not None:
                chain = (*chain, name)
                if index == last:
                    found.setdefault(name, chain)
                for request in sorted(fixture.requests):
                    after = index + 1 if request == name else 0
                    self._visit(request, after, chain, found, seen)
                return


@dataclass(frozen=True)
class Gates:
    """How the orchestrator tells which gated layer a test's run asks for: words (markers in
    ``-m``, directory names in paths, ``marker-layers``) and the markers it adds by directory
    (``path-markers``). Environment variables gate whole runs, not tests."""

    marker_layers: Mapping[str, Layer]
    path_markers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> Gates:
        """The gates a project configures (``marker-layers``, ``path-markers``)."""
        return cls(settings.marker_layers, settings.path_markers or {})

    def layer(self, markers: Iterable[str], parts: Sequence[str]) -> Layer | None:
        """The highest layer a test's markers or directories ask for (``None``: the default run,
        which loads no gated layer)."""
        words = {*markers, *parts}
        words |= {self.path_markers[part] for part in parts if part in self.path_markers}
        asked = [self.marker_layers[word] for word in words if word in self.marker_layers]
        return max(asked, default=None)


@dataclass(frozen=True)
class SuiteFile:
    path: Path
    parts: tuple[str, ...]
    """Its directories below the rootdir (the words a path on the command line gives)."""
    scopes: tuple[Scope, ...]
    """The conftests of its directories below the suite's, innermost first."""


@dataclass
class Suite:
    """The test modules below a conftest's directory, and the conftests between them and it."""

    directory: Path
    rootdir: Path
    patterns: Sequence[str] = DEFAULT_TEST_FILES
    """pytest's ``python_files``."""
    ignored: frozenset[str] = frozenset()
    """File names that are not conftests although they look like one (a backup)."""
    _scopes: dict[Path, tuple[Scope, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def below(cls, directory: Path, config: PytestConfig | None, ignored: frozenset[str]) -> Suite:
        """The suite below ``directory`` as pytest's configuration ``config`` collects it."""
        return cls(
            directory,
            config.rootdir if config else directory,
            (config.values("python_files") if config else []) or DEFAULT_TEST_FILES,
            ignored,
        )

    def test_files(self) -> Iterator[SuiteFile]:
        for path in python_files(self.directory):
            name = path.name
            if not name.startswith("conftest") and any(
                fnmatch.fnmatch(name, pattern) for pattern in self.patterns
            ):
                yield SuiteFile(path, _parts(path, self.rootdir), self.scopes(path.parent))

    def scopes(self, directory: Path) -> tuple[Scope, ...]:
        """Fixture scopes of the conftests from ``directory`` up to (not including) ours."""
        if directory == self.directory or self.directory not in directory.parents:
            return ()
        if directory not in self._scopes:
            own = self._conftest_scope(directory)
            self._scopes[directory] = (own, *self.scopes(directory.parent))
        return self._scopes[directory]

    def _conftest_scope(self, directory: Path) -> Scope:
        scope: dict[str, ModuleFixture] = {}
        for path in sorted(directory.glob("conftest*.py")):
            if path.name not in self.ignored:
                module = read_module(path)
                scope.update(module.fixtures if module else {})
        return scope


def read_module(path: Path, text: str | None = None) -> RequestingModule | None:
    """The tests and fixtures of a module (``None`` when it does not parse)."""
    if text is None:
        text = path.read_text(encoding="utf-8", errors="replace")
    try:
        return read_requests(ast.parse(text), lookups="getfixturevalue" in text)
    except SyntaxError:
        return None


def module_scopes(suite_file: SuiteFile, module: RequestingModule, outermost: Scope) -> list[Scope]:
    """Where a test of ``module`` finds fixtures, innermost first, without its classes."""
    return [module.fixtures, *suite_file.scopes, outermost]


@dataclass(frozen=True)
class Usage:
    """Which tests reach each fixture of a conftest, by gate group."""

    users: Mapping[str, Mapping[Layer | None, str]]
    """Fixture name -> group (``None``: the default run; else the highest gated layer the
    test's markers or path ask for) -> the first such test (``path::Class::test``)."""

    def first_user(self, names: Iterable[str], group: Layer | None) -> str | None:
        """The first test of ``group`` that reaches one of ``names``."""
        found = [self.users[n][group] for n in names if group in self.users.get(n, {})]
        return min(found, default=None)

    def gated_groups(self, names: Iterable[str]) -> dict[Layer, str]:
        """Gated layer -> its first test reaching one of ``names``."""
        groups: dict[Layer, str] = {}
        for name in names:
            for group, test in self.users.get(name, {}).items():
                if group is not None and (group not in groups or test < groups[group]):
                    groups[group] = test
        return groups


def read_usage(suite: Suite, conftest: Scope, gates: Gates) -> Usage:
    """Which fixtures of ``conftest`` each gate group of the suite's tests reaches."""
    users: dict[str, dict[Layer | None, str]] = {}
    for suite_file in suite.test_files():
        module = read_module(suite_file.path)
        if module is None:
            continue
        where = suite_file.path.relative_to(suite.directory).as_posix()
        outer = module_scopes(suite_file, module, conftest)
        resolvers: dict[int, Resolver] = {}  # the tests of one class share its scopes
        for test in module.tests:
            key = id(test.class_fixtures[0]) if test.class_fixtures else 0
            if key not in resolvers:
                resolvers[key] = Resolver([*test.class_fixtures, *outer])
            resolver = resolvers[key]
            names = [*(request.name for request in test.requests), *resolver.autouse]
            group = gates.layer(test.markers, suite_file.parts)
            for name in sorted(resolver.reach_all(names)):
                users.setdefault(name, {}).setdefault(group, f"{where}::{test.qualname}")
    return Usage(users)


def _parts(path: Path, root: Path) -> tuple[str, ...]:
    """The directories of ``path`` below the rootdir (the orchestrator marks tests by them)."""
    try:
        return path.resolve().relative_to(root.resolve()).parts[:-1]
    except ValueError:
        return path.parts[:-1]
