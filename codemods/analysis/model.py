"""The conftest model: units plus the graph of what each unit needs.

An edge ``u -> d`` means "u must live in the same layer as d or a higher one", because u reads a
name d binds, requests a fixture d defines, or runs after d at import time and both touch the same
mutable module state. Mutual edges tie units that must share a module (redefinitions of one
name).
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import libcst as cst

from codemods.analysis.fixtures import Fixture, ModuleFixtures
from codemods.analysis.names import UnitNames, index_names
from codemods.analysis.units import (
    Unit,
    UnitKind,
    calls_at_import,
    read_pin,
    unit_kind,
    unit_name,
)

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


def build_model(
    module: cst.Module, tree: ast.Module, source: str, fixtures: ModuleFixtures
) -> ConftestModel:
    """Analyse ``module`` (a parsed conftest) without changing it.

    ``tree`` is ``source`` (the module's text) parsed by ``ast``: the name facts are read from
    it. ``fixtures`` are the module's fixture facts (``module_fixtures`` of the same source);
    the model attaches to them the libcst nodes its transforms edit.
    """
    if len(fixtures.units) != len(module.body):
        raise ValueError("fixtures must be read from the source of the module being modelled")
    names = index_names(tree, source)
    if len(names) != len(module.body):
        raise ValueError("tree must be parsed from the source of the module being modelled")
    units = tuple(_units(module, names, fixtures))
    binders = _index(units, lambda unit: unit.binds)
    fixture_units = _index(units, lambda unit: {fixture.name for fixture in unit.fixtures})
    distributable = frozenset(
        unit.index
        for unit in units
        if unit.kind is UnitKind.IMPORT
        and not unit.star_import
        and all(
            units[other].kind is UnitKind.IMPORT for name in unit.binds for other in binders[name]
        )
    )
    graph = _Graph(units, binders, fixture_units, distributable)
    pinned = {
        index: pin for index, statement in enumerate(module.body) if (pin := read_pin(statement))
    }
    return ConftestModel(
        module,
        units,
        graph.build(),
        fixture_units,
        binders,
        distributable,
        pinned,
        fixtures.factories,
    )


def _units(module: cst.Module, names: Sequence[UnitNames], found: ModuleFixtures) -> Iterable[Unit]:
    line = len(module.header) + 1
    for index, statement in enumerate(module.body):
        code = module.code_for_node(statement)
        fixtures = _with_nodes(statement, found.units[index].fixtures)
        kind = unit_kind(statement, index, fixtures)
        start = line + len(statement.leading_lines)
        facts = names[index]
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


def _with_nodes(statement: cst.BaseStatement, fixtures: tuple[Fixture, ...]) -> tuple[Fixture, ...]:
    """``fixtures`` (read from the ``ast``) with the libcst nodes that define them, found by
    position: ``Fixture.statement`` counts statements in the order ``_unit_statements`` yields
    them, the order ``fixtures.unit_statements`` yields the ``ast`` ones in."""
    if not fixtures:
        return ()
    statements = list(_unit_statements(statement))
    return tuple(_with_node(statements[fixture.statement], fixture) for fixture in fixtures)


def _with_node(statement: cst.BaseStatement, fixture: Fixture) -> Fixture:
    if fixture.decorator_index is not None:
        assert isinstance(statement, cst.FunctionDef), "a fixture moved in the libcst tree"
        decorator = statement.decorators[fixture.decorator_index]
        return replace(fixture, function=statement, decorator=decorator)
    if fixture.factory:
        return fixture
    assert isinstance(statement, cst.SimpleStatementLine), "a fixture moved in the libcst tree"
    assignment = statement.body[0]
    assert isinstance(assignment, cst.Assign) and isinstance(assignment.value, cst.Call)
    return replace(fixture, call=assignment.value)


def _unit_statements(node: cst.BaseStatement) -> Iterator[cst.BaseStatement]:
    """``node`` itself, then the statements of its ``if``/``try``/``with`` blocks, recursively."""
    yield node
    for block in _blocks(node):
        for statement in block:
            yield from _unit_statements(statement)


def _blocks(node: cst.BaseStatement) -> Iterator[Sequence[cst.BaseStatement]]:
    """The statement blocks of an ``if``/``try``/``with`` whose statements run at import time."""
    if isinstance(node, cst.If):
        yield _statements_of(node.body)
        if isinstance(node.orelse, cst.If):
            yield from _blocks(node.orelse)
        elif node.orelse is not None:
            yield _statements_of(node.orelse.body)
    elif isinstance(node, cst.Try):
        yield _statements_of(node.body)
        for handler in node.handlers:
            yield _statements_of(handler.body)
        for clause in (node.orelse, node.finalbody):
            if clause is not None:
                yield _statements_of(clause.body)
    elif isinstance(node, cst.With):
        yield _statements_of(node.body)


def _statements_of(suite: cst.BaseSuite) -> Sequence[cst.BaseStatement]:
    """Statements of an indented block (a one-line suite holds only small statements)."""
    return suite.body if isinstance(suite, cst.IndentedBlock) else ()


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
        """A function rebinding ``X`` with ``global`` lives no lower than ``X``'s module-level
        binding, which must not run after it (a layer loaded later would reset the value). Its
        readers need nothing more: every layer runs in the conftest's one namespace."""
        for unit in self.units:
            for name in unit.global_rebinds:
                for binder in self.binders.get(name, ()):
                    self._add(unit.index, binder, f"rebinds {name} with `global`")

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
        """A statement may change anything it touches; so may a value built by a call
        (``_CLIENT = make_client()`` may register itself in a list other units read)."""
        if unit.kind is UnitKind.CONSTANT and calls_at_import(unit.node):
            return True
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
