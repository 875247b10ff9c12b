"""CC014: A test outside the gated paths and markers requests a gated layer's fixture.

A test requests a fixture of ``conftest_services.py`` or ``conftest_e2e.py`` (as an argument,
with ``usefixtures``, an indirect ``parametrize`` or ``request.getfixturevalue("name")``, or
through a fixture of its module, of a conftest below, or of an always-loaded layer) while
neither its directories nor its markers ask for that layer (``marker-layers``,
``path-markers``; a higher layer counts). The orchestrator loads a gated layer for a test only
when an env var, ``-m`` or a path names it; it reads the tests as ``migrate`` does, so the rule
finds nothing on a fresh migration unless a pin or a plan edit put such a fixture in a gated
layer. The finding points at the request in the test module: that is where the decision is
made, one request at a time, and where ``# conftest-codemods: ignore[CC014]`` silences it.

Opt-in: the on-demand loading keeps such tests passing, and a suite that keeps its tests in one
flat directory relies on it for every test that needs a service; the rule is for suites that
sort their tests by directory or marker and want that kept honest.

The default run loads the gated layer on demand for such a test (every unit run pays for it),
skips the test under gated-mode = 'skip', and a getfixturevalue() request is not found at all.
Not fixable automatically, the choice is yours: mark the test (or its module) with a marker of
``marker-layers``, move it under such a directory, or move the fixture to an always-loaded
layer.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path

from codemods.analysis.fixture_requests import (
    ModuleFixture,
    Request,
    RequestingModule,
    RequestingTest,
    read_requests,
)
from codemods.analysis.fixture_usage import (
    Chain,
    Gates,
    Resolver,
    Scope,
    Suite,
    SuiteFile,
    fixture_scope,
    module_scopes,
)
from codemods.analysis.statements import statement_units
from codemods.generated import LEGACY_BACKUP
from codemods.layers import Layer
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import ORCHESTRATOR, Invalid, Valid
from codemods.rule_base.rule import Finding, Rule
from codemods.rule_base.suppression import read_suppressions

_PROJECT = {
    "pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
    "tests/conftest.py": ORCHESTRATOR,
    "tests/conftest_base.py": "import pytest\n",
    "tests/conftest_services.py": """\
import sqlite3

import pytest


@pytest.fixture
def db_conn(tmp_path):
    return sqlite3.connect(tmp_path / "shop.db")
""",
}
_TEST = """\
def test_order_is_stored(db_conn):
    assert db_conn.execute("select 1").fetchone() == (1,)
"""


class GatedFixtureReachable(Rule):
    """The tests are read and their requests resolved by ``codemods.analysis.fixture_usage``, the
    analysis that the planner keeps the default run's fixtures always loaded with.
    """

    code = "CC014"
    name = "gated-fixture-reachable"
    default = False

    INVALID = (Invalid({**_PROJECT, "tests/unit/test_orders.py": _TEST}),)
    VALID = (Valid({**_PROJECT, "tests/integration/test_orders.py": _TEST}),)

    def check(self, context: FileContext) -> Iterator[Finding]:
        layer = context.layer
        if context.role is not FileRole.LAYER or layer is None or not layer.gated:
            return
        gated = frozenset(
            fixture.name for unit in context.fixtures.units for fixture in unit.fixtures
        )
        if gated:
            yield from _Search(context, layer, gated).findings(self.code)


class _Search:
    """The test modules below one gated layer's directory, and the fixtures between them."""

    def __init__(self, context: FileContext, layer: Layer, gated: frozenset[str]) -> None:
        self.context = context
        self.layer = layer
        self.gated = gated
        config = context.group.pytest_config
        self.suite = Suite.below(context.path.parent, config, frozenset({LEGACY_BACKUP}))
        self.gates = Gates.from_settings(context.settings)
        self.filters: dict[Path, re.Pattern[str] | None] = {}

    @cached_property
    def directory_scope(self) -> Scope:
        """The always-loaded fixtures beside the layer, through which a test reaches a gated
        fixture, and the layer's own fixtures, where the search stops (fixtures of other gated
        layers are that layer's findings)."""
        scope = dict(
            fixture_scope(
                fixture
                for module in self.context.group.files.values()
                if module.role in (FileRole.LAYER, FileRole.CONFTEST) and module.always_loaded
                for unit in module.fixtures.units
                for fixture in unit.fixtures
            )
        )
        leaf = ModuleFixture(frozenset(), False, 0, 0)
        scope.update(dict.fromkeys(self.gated, leaf))
        return scope

    def findings(self, code: str) -> Iterator[Finding]:
        for suite_file in self.suite.test_files():
            yield from self._file(suite_file, code)

    def _file(self, suite_file: SuiteFile, code: str) -> Iterator[Finding]:
        mentions = self._filter(suite_file)
        if mentions is None:
            return
        path = suite_file.path
        text = path.read_text(encoding="utf-8", errors="replace")
        if mentions.search(text) is None:
            return
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return
        module = read_requests(tree, lookups="getfixturevalue" in text)
        outer = module_scopes(suite_file, module, self.directory_scope)
        found: dict[tuple[int, int], Finding] = {}
        for test in module.tests:
            asked = self.gates.layer(test.markers, suite_file.parts)
            if asked is not None and asked >= self.layer:
                continue  # a higher layer builds on this one
            resolver = Resolver([*test.class_fixtures, *outer])
            names: set[str] = set()  # an indirect parameter is also an argument: once
            for request in _all_requests(test, module):
                site = (request.line, request.col)
                if request.name in names or site in found:
                    continue
                names.add(request.name)
                chain = self._gated_chain(resolver, request.name)
                if chain is not None:
                    message = self._message(test, chain)
                    found[site] = Finding(path, request.line, request.col, code, message)
        if found:
            starts = [unit.line for unit in statement_units(tree, text)]
            suppressions = read_suppressions(text, lambda: starts)
            yield from (f for f in found.values() if not suppressions.hides(f))

    def _gated_chain(self, resolver: Resolver, name: str) -> Chain | None:
        reached = resolver.reach(name)
        return next((chain for target, chain in reached.items() if target in self.gated), None)

    def _filter(self, suite_file: SuiteFile) -> re.Pattern[str] | None:
        """A cheap test before parsing a module of a directory: does it name a fixture that
        leads to the layer? (``None``: no fixture there does.)"""
        directory = suite_file.path.parent
        if directory not in self.filters:
            resolver = Resolver([*suite_file.scopes, self.directory_scope])
            names = {name for scope in resolver.scopes for name in scope}
            reaching = sorted(n for n in names if self._gated_chain(resolver, n) is not None)
            pattern = r"\b(?:" + "|".join(map(re.escape, reaching)) + r")\b"
            self.filters[directory] = re.compile(pattern) if reaching else None
        return self.filters[directory]

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
    """The test's own requests, then the autouse fixtures of its classes and module (at their
    definitions)."""
    yield from test.requests
    for scope in (*test.class_fixtures, module.fixtures):
        for name, fixture in scope.items():
            if fixture.autouse:
                yield Request(name, fixture.line, fixture.col)
