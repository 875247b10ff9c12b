"""The conftest model: units plus the graph of what each unit needs.

An edge ``u -> d`` means "u must live in the same layer as d or a higher one", because u reads a
name d binds, requests a fixture d defines, or runs after d at import time and both touch the same
mutable module state. Mutual edges tie units that must share a module (redefinitions of one
name, ``global`` rebinding and its readers).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper

from codemods.analysis.fixtures import (
    FIXTURE_MODULES,
    find_fixtures,
    is_fixture_decorator,
    returns_fixture,
)
from codemods.analysis.names import NameIndex, UnitNames, index_names
from codemods.analysis.units import Unit, UnitKind, read_pin, unit_kind, unit_name

DATA_KINDS = frozenset({UnitKind.CONSTANT, UnitKind.STATEMENT})


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    reason: str


@dataclass(frozen=True)
class ConftestModel:
    """Everything the planner and the lint rules know about one conftest module."""

    module: cst.Module
    units: tuple[Unit, ...]
    edges: Mapping[int, tuple[Edge, ...]]
    """Unit index -> the edges leaving it (what it needs)."""
    fixtures: Mapping[str, tuple[int, ...]]
    """Fixture name -> indices of the units defining it."""
    binders: Mapping[str, tuple[int, ...]]
    """Module-level name -> indices of the units binding it."""
    distributable: frozenset[int]
    """Plain imports that can be copied into every layer that uses them."""
    pinned: Mapping[int, str]
    """Unit index -> the layer named by its ``# conftest: <layer>`` comment (unvalidated)."""
    factories: frozenset[str] = frozenset()
    """Names of the fixture factories this module defines or was told it imports."""

    def dependents(self) -> dict[int, set[int]]:
        """Unit index -> the units that need it (the reverse of ``edges``)."""
        reverse: dict[int, set[int]] = defaultdict(set)
        for source, edges in self.edges.items():
            for edge in edges:
                reverse[edge.target].add(source)
        return reverse

    def fixture_names(self, indices: Iterable[int]) -> set[str]:
        return {fixture.name for index in indices for fixture in self.units[index].fixtures}


def build_model(
    module: cst.Module,
    imported_factories: frozenset[str] = frozenset(),
    metadata: MetadataWrapper | None = None,
) -> ConftestModel:
    """Analyse ``module`` (a parsed conftest) without changing it.

    ``imported_factories`` names fixture factories the module imports rather than defines:
    after a split, ``x = make_fixture(...)`` may sit in a layer above the one defining
    ``make_fixture``, and ``x`` is still a fixture. ``metadata``: see ``index_names``.
    """
    names = index_names(module, metadata)
    codes = names.codes
    factories = _fixture_factories(module, names, codes) | imported_factories
    units = tuple(_units(module, names, codes, factories))
    binders = _index(units, lambda unit: unit.binds)
    fixtures = _index(units, lambda unit: {fixture.name for fixture in unit.fixtures})
    distributable = frozenset(
        unit.index
        for unit in units
        if unit.kind is UnitKind.IMPORT
        and not unit.star_import
        and all(
            units[other].kind is UnitKind.IMPORT for name in unit.binds for other in binders[name]
        )
    )
    graph = _Graph(units, binders, fixtures, distributable)
    pinned = {
        index: pin for index, statement in enumerate(module.body) if (pin := read_pin(statement))
    }
    return ConftestModel(
        module, units, graph.build(), fixtures, binders, distributable, pinned, factories
    )


def _units(
    module: cst.Module, names: NameIndex, codes: Sequence[str], factories: frozenset[str]
) -> Iterable[Unit]:
    line = len(module.header) + 1
    for index, (statement, code) in enumerate(zip(module.body, codes, strict=True)):
        fixtures = find_fixtures(statement, code, names.qualify, factories)
        kind = unit_kind(statement, index, fixtures)
        start = line + len(statement.leading_lines)
        facts: UnitNames = names.units[index]
        yield Unit(
            index=index,
            node=statement,
            kind=kind,
            name=unit_name(statement, kind, start, code),
            line=start,
            code=code,
            binds=frozenset(facts.binds),
            reads=frozenset(facts.reads),
            eager_reads=frozenset(facts.eager_reads),
            unresolved=frozenset(facts.unresolved),
            global_rebinds=frozenset(facts.global_rebinds),
            uses=frozenset(facts.uses),
            fixtures=fixtures,
            star_import=_is_star_import(statement),
        )
        line += code.count("\n")


def _fixture_factories(
    module: cst.Module, names: NameIndex, codes: Sequence[str]
) -> frozenset[str]:
    """Module-level functions that build and return fixtures, e.g. ``make_fixture(value)``."""
    return frozenset(
        statement.name.value
        for statement, code, facts in zip(module.body, codes, names.units, strict=True)
        if isinstance(statement, cst.FunctionDef)
        and "fixture" in code
        and any(name.partition(".")[0] in FIXTURE_MODULES for name in facts.uses)
        and not any(is_fixture_decorator(d.decorator, names.qualify) for d in statement.decorators)
        and returns_fixture(statement, names.qualify)
    )


def _is_star_import(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(part, cst.ImportFrom) and isinstance(part.names, cst.ImportStar)
        for part in statement.body
    )


def _index(
    units: Iterable[Unit], keys: Callable[[Unit], Iterable[str]]
) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        for key in keys(unit):
            found[key].append(unit.index)
    return {key: tuple(indices) for key, indices in found.items()}


class _Graph:
    """Builds the edges of the model from the per-unit facts."""

    def __init__(
        self,
        units: tuple[Unit, ...],
        binders: Mapping[str, tuple[int, ...]],
        fixtures: Mapping[str, tuple[int, ...]],
        distributable: frozenset[int],
    ) -> None:
        self.units = units
        self.binders = {
            name: tuple(i for i in indices if i not in distributable)
            for name, indices in binders.items()
        }
        self.fixtures = fixtures
        self.edges: dict[int, dict[int, Edge]] = defaultdict(dict)

    def build(self) -> dict[int, tuple[Edge, ...]]:
        self._reads()
        self._requests()
        self._shared_definitions()
        self._global_rebinding()
        self._import_time_order()
        self._star_imports()
        return {source: tuple(edges.values()) for source, edges in self.edges.items()}

    def _add(self, source: int, target: int, reason: str) -> None:
        if source != target and target not in self.edges[source]:
            self.edges[source][target] = Edge(source, target, reason)

    def _tie(self, indices: Iterable[int], reason: str) -> None:
        ordered = sorted(set(indices))
        for first, second in itertools.pairwise(ordered):
            self._add(first, second, reason)
            self._add(second, first, reason)

    def _reads(self) -> None:
        for unit in self.units:
            for name in unit.reads:
                for binder in self.binders.get(name, ()):
                    self._add(unit.index, binder, f"uses {name}")

    def _requests(self) -> None:
        for unit in self.units:
            for fixture in unit.fixtures:
                for request in fixture.requests:
                    for definer in self.fixtures.get(request, ()):
                        self._add(unit.index, definer, f"requests fixture {request}")

    def _shared_definitions(self) -> None:
        for name, indices in self.binders.items():
            if len(indices) > 1:
                self._tie(indices, f"{name} is defined more than once")
        for name, indices in self.fixtures.items():
            if len(indices) > 1:
                self._tie(indices, f"fixture {name} is defined more than once")

    def _global_rebinding(self) -> None:
        for unit in self.units:
            for name in unit.global_rebinds:
                readers = [other.index for other in self.units if name in other.reads]
                group = [*self.binders.get(name, ()), *readers, unit.index]
                self._tie(group, f"{name} is rebound with `global`")

    def _import_time_order(self) -> None:
        """Keep the import-time order of units that touch the same mutable module state.

        Example: ``@pytest.fixture(params=BACKENDS)`` followed by ``BACKENDS.append(...)`` in an
        ``if`` block; running the ``if`` first would change the fixture's params and test ids.
        """
        touches = {unit.index: self._eager_touches(unit) for unit in self.units}
        for name in self._data_names():
            touchers = [index for index, touched in touches.items() if name in touched]
            for mutator in touchers:
                if self._mutates(self.units[mutator], name):
                    reason = f"runs at import time around {name}"
                    for other in touchers:
                        if other < mutator:
                            self._add(mutator, other, reason)
                        elif other > mutator:
                            self._add(other, mutator, reason)

    def _data_names(self) -> set[str]:
        return {
            name
            for name, indices in self.binders.items()
            if any(self.units[index].kind in DATA_KINDS for index in indices)
        }

    def _mutates(self, unit: Unit, name: str) -> bool:
        return unit.kind is UnitKind.STATEMENT or name in unit.binds

    def _eager_touches(self, unit: Unit) -> set[str]:
        """Names read at import time, following calls into module-level helpers."""
        touched = set(unit.eager_reads)
        if unit.kind in DATA_KINDS:
            touched |= unit.binds
        pending = list(unit.eager_reads)
        seen: set[str] = set()
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            for binder in self.binders.get(name, ()):
                helper = self.units[binder]
                if helper.kind is UnitKind.HELPER:
                    touched |= helper.reads
                    pending.extend(helper.reads)
        return touched

    def _star_imports(self) -> None:
        stars = [unit.index for unit in self.units if unit.star_import]
        for unit in self.units:
            if unit.unresolved:
                for star in stars:
                    self._add(unit.index, star, f"may use {min(unit.unresolved)} from `import *`")
