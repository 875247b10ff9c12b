"""Which module-level names each unit binds and reads, from libcst scope analysis.

Each access is attributed to the unit that holds it: names evaluated in the global scope are
owned by the statement they sit in; names inside a function, class body, lambda or
comprehension are owned through that scope's top-level node.

Module-level names resolve by name at run time, so a long module can be analysed in two halves
in parallel (a forked child takes the second half, with the first half's imports in front so
qualified names still resolve) and merged: a name one half could not resolve is a read if the
other half binds it. That halves the dominant cost, libcst's scope analysis, on large files.
"""

from __future__ import annotations

import os
import pickle
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
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


@dataclass
class UnitNames:
    binds: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)
    eager_reads: set[str] = field(default_factory=set)
    unresolved: set[str] = field(default_factory=set)
    eager_unresolved: set[str] = field(default_factory=set)
    global_rebinds: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class NameIndex:
    """Per-unit name facts."""

    units: Sequence[UnitNames]
    codes: Sequence[str]
    """The source code of each top-level statement (rendered with the halves, in parallel)."""


PARALLEL_MIN_STATEMENTS = 120
"""Below this many top-level statements a fork costs more than it saves."""

Imports = dict[str, set[str]]


def index_names(module: cst.Module) -> NameIndex:
    """Attribute every module-level binding and access to its unit."""
    statements = list(module.body)
    if len(statements) >= PARALLEL_MIN_STATEMENTS and hasattr(os, "fork"):
        units, _, codes = _analyse_in_halves(module, statements)
    else:
        units, _, codes = _analyse(module, range(len(statements)))
    return NameIndex(units, codes)


Facts = tuple[list[UnitNames], Imports, list[str]]


def _analyse(module: cst.Module, origin: Sequence[int]) -> Facts:
    """One scope analysis of ``module``; ``origin[i]`` is the unit index of its statement ``i``
    (``-1`` for statements copied in only to resolve names). Returns facts in unit order."""
    scopes = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    global_scope = scopes[module]
    assert isinstance(global_scope, GlobalScope)
    owners = _Owners.of(module, origin)
    locate = _Locator(owners, scopes, global_scope)
    units = {index: UnitNames() for index in origin if index >= 0}
    imports: Imports = defaultdict(set)
    for assignment in global_scope.assignments:
        _record_binding(assignment, locate, units, imports)
    for scope in {scope for scope in scopes.values() if scope is not None}:
        for access in scope.accesses:
            _record_access(access, locate, units, global_scope)
    codes = [
        module.code_for_node(statement)
        for statement, index in zip(module.body, origin, strict=True)
        if index >= 0
    ]
    return [units[index] for index in origin if index >= 0], imports, codes


def _analyse_in_halves(
    module: cst.Module, statements: list[cst.SimpleStatementLine | cst.BaseCompoundStatement]
) -> Facts:
    middle = _balanced_split(statements)
    first = range(middle)
    copied = [i for i in first if _is_import(statements[i])]
    second_origin = [-1] * len(copied) + list(range(middle, len(statements)))
    second = module.with_changes(body=[statements[i] for i in copied] + statements[middle:])
    with _forked(lambda: _analyse(second, second_origin)) as pending:
        head, head_imports, head_codes = _analyse(
            module.with_changes(body=statements[:middle]), first
        )
        tail, tail_imports, tail_codes = pending()
    units = [*head, *tail]
    imports: Imports = defaultdict(set, head_imports)
    for name, targets in tail_imports.items():
        imports[name] |= targets
    _resolve_across_halves(units, imports)
    return units, imports, [*head_codes, *tail_codes]


def _balanced_split(statements: Sequence[cst.BaseStatement]) -> int:
    """The index that gives each half about the same number of non-import statements
    (imports are tiny next to fixtures and helpers)."""
    weights = [0 if _is_import(statement) else 1 for statement in statements]
    half, running = sum(weights) / 2, 0
    for index, weight in enumerate(weights):
        running += weight
        if running >= half:
            return max(1, index)
    return len(statements) // 2


def _is_import(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(part, cst.Import | cst.ImportFrom) for part in statement.body
    )


def _resolve_across_halves(units: list[UnitNames], imports: Imports) -> None:
    """A name one half could not resolve is a read when the other half binds it."""
    bound = {name for unit in units for name in unit.binds}
    for unit in units:
        found = unit.unresolved & bound
        unit.reads |= found
        unit.eager_reads |= unit.eager_unresolved & bound
        for name in found:
            unit.uses |= imports.get(name, set())
        unit.unresolved -= found
        unit.eager_unresolved -= found


class _forked:
    """Run ``work`` in a forked child and return its result through a pipe.

    If the child fails for any reason the work is redone in this process: the fork is only
    ever an optimisation.
    """

    def __init__(self, work: Callable[[], Facts]) -> None:
        self.work = work
        self.pid = 0
        self.reader = -1

    def __enter__(self) -> Callable[[], Facts]:
        self.reader, writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - runs in the child
            os.close(self.reader)
            status = 0
            try:
                with os.fdopen(writer, "wb") as stream:
                    units, imports, codes = self.work()
                    pickle.dump((units, dict(imports), codes), stream, pickle.HIGHEST_PROTOCOL)
            except BaseException:
                status = 1
            os._exit(status)
        os.close(writer)
        return self._result

    def _result(self) -> Facts:
        with os.fdopen(self.reader, "rb") as stream:
            data = stream.read()
        self.reader = -1
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status != 0 or not data:
            return self.work()
        units, imports, codes = pickle.loads(data)
        return units, defaultdict(set, imports), codes

    def __exit__(self, *exc_info: object) -> None:
        if self.reader != -1:
            os.close(self.reader)
        if self.pid:
            os.waitpid(self.pid, 0)


def _record_binding(
    assignment: BaseAssignment,
    locate: _Locator,
    units: dict[int, UnitNames],
    imports: dict[str, set[str]],
) -> None:
    if not isinstance(assignment, Assignment):
        return
    owner, in_function = locate.owner(assignment.node)
    if owner < 0:
        return  # an import copied in front of the second half, owned by the first
    units[owner].binds.add(assignment.name)
    if in_function:
        units[owner].global_rebinds.add(assignment.name)
    if isinstance(assignment, ImportAssignment):
        imports[assignment.name].update(_qualified(assignment))


def _record_access(
    access: Access, locate: _Locator, units: dict[int, UnitNames], global_scope: GlobalScope
) -> None:
    owner, deferred = locate.owner(access.node)
    if owner < 0:
        return
    facts = units[owner]
    referents = access.referents
    if not referents:
        name = access.node.value if isinstance(access.node, cst.Name) else None
        if name and not (name.startswith("__") and name.endswith("__")):
            facts.unresolved.add(name)
            if not deferred:
                facts.eager_unresolved.add(name)
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
    def of(cls, module: cst.Module, origin: Sequence[int]) -> dict[int, int]:
        """``id(node)`` -> unit index (``origin`` of the statement holding it)."""
        visitor = cls()
        for position, statement in enumerate(module.body):
            visitor.current = origin[position]
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
