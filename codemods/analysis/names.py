"""Which module-level names each unit binds and reads, from one libcst scope analysis.

Scopes are resolved once for the whole module. Each access is attributed to the unit that holds
it: names evaluated in the global scope are owned by the statement they sit in; names inside a
function, class body, lambda or comprehension are owned through that scope's top-level node.
Walking only the global-scope parts of each statement keeps this cheap on 2,000-line files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import (
    Access,
    Assignment,
    BaseAssignment,
    FunctionScope,
    GlobalScope,
    ImportAssignment,
    MetadataWrapper,
    Scope,
    ScopeProvider,
)
from libcst.metadata.scope_provider import LocalScope

from codemods.analysis.fixtures import Qualify


@dataclass
class UnitNames:
    binds: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)
    eager_reads: set[str] = field(default_factory=set)
    unresolved: set[str] = field(default_factory=set)
    global_rebinds: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class NameIndex:
    """Per-unit name facts plus a qualified-name resolver for any node of the module."""

    units: Sequence[UnitNames]
    qualify: Qualify
    import_bindings: Mapping[str, frozenset[str]]
    """Module-level name -> qualified names of the imports that bind it."""


def index_names(module: cst.Module) -> NameIndex:
    """Resolve scopes once and attribute every binding and access to its unit."""
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    scopes = wrapper.resolve(ScopeProvider)
    global_scope = scopes[module]
    assert isinstance(global_scope, GlobalScope)
    owners = _Owners.of(module)
    locate = _Locator(owners, scopes, global_scope)
    units = [UnitNames() for _ in module.body]
    imports: dict[str, set[str]] = defaultdict(set)
    for assignment in global_scope.assignments:
        _record_binding(assignment, locate, units, imports)
    for scope in {scope for scope in scopes.values() if scope is not None}:
        for access in scope.accesses:
            _record_access(access, locate, units, global_scope)

    def qualify(node: cst.CSTNode) -> frozenset[str]:
        scope = scopes.get(node)
        if scope is None:
            return frozenset()
        return frozenset(name.name for name in scope.get_qualified_names_for(node))

    return NameIndex(units, qualify, {name: frozenset(q) for name, q in imports.items()})


def _record_binding(
    assignment: BaseAssignment,
    locate: _Locator,
    units: list[UnitNames],
    imports: dict[str, set[str]],
) -> None:
    if not isinstance(assignment, Assignment):
        return
    owner, in_function = locate.owner(assignment.node)
    units[owner].binds.add(assignment.name)
    if in_function:
        units[owner].global_rebinds.add(assignment.name)
    if isinstance(assignment, ImportAssignment):
        imports[assignment.name].update(_qualified(assignment))


def _record_access(
    access: Access, locate: _Locator, units: list[UnitNames], global_scope: GlobalScope
) -> None:
    owner, deferred = locate.owner(access.node)
    facts = units[owner]
    referents = access.referents
    if not referents:
        name = access.node.value if isinstance(access.node, cst.Name) else None
        if name and not (name.startswith("__") and name.endswith("__")):
            facts.unresolved.add(name)
        return
    for referent in referents:
        if referent.scope is not global_scope or not isinstance(referent, Assignment):
            continue
        facts.reads.add(referent.name)
        if not deferred:
            facts.eager_reads.add(referent.name)
        if isinstance(referent, ImportAssignment):
            facts.uses.update(_qualified(referent))


def _qualified(assignment: ImportAssignment) -> set[str]:
    return {name.name for name in assignment.get_qualified_names_for(assignment.name)}


class _Locator:
    """Maps a node to (owning unit index, whether it only runs later, inside a function)."""

    def __init__(
        self, owners: dict[int, int], scopes: Mapping[cst.CSTNode, Scope | None], top: Scope
    ) -> None:
        self._owners = owners
        self._scopes = scopes
        self._top = top

    def owner(self, node: cst.CSTNode) -> tuple[int, bool]:
        direct = self._owners.get(id(node))
        if direct is not None:
            return direct, False
        scope = self._scopes[node]
        deferred = False
        while scope is not None and scope.parent is not self._top and scope is not self._top:
            deferred = deferred or isinstance(scope, FunctionScope)
            scope = scope.parent
        assert isinstance(scope, LocalScope), f"unowned node {node!r}"
        deferred = deferred or isinstance(scope, FunctionScope)
        return self._owners[id(scope.node)], deferred


class _Owners(cst.CSTVisitor):
    """Records which top-level statement owns each node evaluated in the global scope.

    Function, class and lambda bodies are not entered: their nodes are found through their scope,
    whose node (the ``def``/``class``/``lambda``) is recorded here.
    """

    def __init__(self) -> None:
        self.owners: dict[int, int] = {}
        self.current = 0

    @classmethod
    def of(cls, module: cst.Module) -> dict[int, int]:
        visitor = cls()
        for index, statement in enumerate(module.body):
            visitor.current = index
            statement.visit(visitor)
        return visitor.owners

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.owners[id(node)] = self.current
        if isinstance(node, cst.FunctionDef):
            self._visit_all(node.decorators)
            node.params.visit(self)
            if node.returns is not None:
                node.returns.visit(self)
            return False
        if isinstance(node, cst.ClassDef):
            self._visit_all(node.decorators)
            self._visit_all(node.bases)
            self._visit_all(node.keywords)
            return False
        if isinstance(node, cst.Lambda):
            node.params.visit(self)
            return False
        return True

    def _visit_all(self, nodes: Sequence[cst.CSTNode]) -> None:
        for child in nodes:
            child.visit(self)
