"""Where each module-level import of a conftest is used, and whether it has side effects.

Deferring an import is only safe when nothing reads its name while the module is being
imported: a use inside a function body runs later, but decorators (``params=``), default values,
base classes, class bodies, evaluated annotations and plain module-level code run now. Every
use is found through libcst scope analysis (so a local or parameter of the same name is not a
use), and classified by where it sits. Side-effect signals say when an import must stay eager
and in place whatever its uses. Pure: no I/O, nothing imported or measured here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import libcst as cst
from libcst.metadata import (
    Access,
    ClassScope,
    FunctionScope,
    GlobalScope,
    ImportAssignment,
    MetadataWrapper,
    PositionProvider,
    Scope,
    ScopeProvider,
)

from codemods.analysis.annotations import future_annotations_blocker
from codemods.analysis.import_setup import SetupFacts, find_setup


class UseKind(Enum):
    """Where a use sits, i.e. when Python evaluates it."""

    FUNCTION_BODY = "function body"
    """Runs when the function is called (never while the conftest is imported)."""
    LAMBDA_BODY = "lambda body"
    """Deferred too, but a lambda has no body an import statement could go into."""
    ANNOTATION = "annotation"
    """Never evaluated: a string, or ``from __future__ import annotations`` is on."""
    MODULE_LEVEL = "module-level code"
    DECORATOR = "decorator"
    DEFAULT = "default argument"
    BASE_CLASS = "base class"
    CLASS_BODY = "class body"
    EVALUATED_ANNOTATION = "annotation evaluated at definition time"

    @property
    def at_import(self) -> bool:
        """Whether the use is evaluated while the conftest module is imported."""
        return self not in (UseKind.FUNCTION_BODY, UseKind.LAMBDA_BODY, UseKind.ANNOTATION)


@dataclass(frozen=True)
class Use:
    kind: UseKind
    line: int
    function: cst.FunctionDef | None
    """The innermost ``def`` whose body holds the use (for ``FUNCTION_BODY``)."""
    touches_attribute: bool
    """``x.attr``, ``x()`` or ``x[...]``: the module itself is needed, not just its name."""
    function_name: str = ""


@dataclass(frozen=True)
class ImportBinding:
    """One name bound by a module-level ``import`` statement, with everything known about it."""

    statement: int
    """Index of the statement in ``module.body``."""
    alias: int
    """Index of the alias within the statement."""
    name: str
    """The module-level name it binds (``np`` for ``import numpy as np``)."""
    module: str
    """What is imported: ``numpy``, ``a.b`` (``import a.b as c``), ``x`` (``from x import y``)."""
    imported: str | None
    """``y`` for ``from x import y``; ``None`` for ``import x``."""
    has_alias: bool
    line: int
    uses: tuple[Use, ...]
    side_effects: tuple[str, ...]
    """Why it must stay eager and in place whatever its uses (empty when nothing says so)."""
    rebound: bool
    """The name is bound more than once at module level (or by ``global`` in a function)."""

    @property
    def qualified(self) -> str:
        return self.module if self.imported is None else f"{self.module}.{self.imported}"

    def kinds(self) -> frozenset[UseKind]:
        return frozenset(use.kind for use in self.uses)

    def functions(self) -> list[cst.FunctionDef]:
        """The functions whose bodies use it, in source order, each once."""
        seen: dict[int, cst.FunctionDef] = {}
        for use in self.uses:
            if use.function is not None:
                seen.setdefault(id(use.function), use.function)
        return list(seen.values())

    def placement(self) -> str:
        """A short summary for reports: where its names are used."""
        kinds = self.kinds()
        if not kinds:
            return "unused"
        if kinds <= {UseKind.FUNCTION_BODY}:
            return "function bodies only"
        if kinds <= {UseKind.ANNOTATION}:
            return "annotations only"
        eager = sorted({kind.value for kind in kinds if kind.at_import})
        return ", ".join(eager) if eager else "function bodies and annotations"


@dataclass(frozen=True)
class ImportsAnalysis:
    module: cst.Module
    """The module the nodes in ``bindings`` belong to (analyse and transform this one)."""
    bindings: tuple[ImportBinding, ...]
    future_annotations: bool
    dynamic: tuple[str, ...]
    """Module-level calls such as ``globals()`` that may read any name: nothing moves then."""
    setup: SetupFacts
    future_blocker: str = ""
    """Why ``from __future__ import annotations`` may not be added (empty: it may)."""


_DYNAMIC_BUILTINS = frozenset({"globals", "vars", "locals", "eval", "exec", "__import__"})


def analyse_imports(module: cst.Module, metadata: MetadataWrapper | None = None) -> ImportsAnalysis:
    """Every name bound by a top-level ``import``/``from`` statement, where it is used and why
    it may have to stay eager. Imports nested in ``try``/``if`` blocks are not listed: the block
    exists to handle the import, so it stays as written.

    ``metadata`` (a wrapper of ``module`` itself) lets a caller that already resolved libcst's
    scope analysis for ``module`` share it instead of paying for a second one."""
    if metadata is not None and metadata.module is not module:
        raise ValueError("metadata must wrap the module being analysed")
    wrapper = metadata or MetadataWrapper(module, unsafe_skip_copy=True)
    scopes = wrapper.resolve(ScopeProvider)
    parents = parent_nodes(module)
    positions = wrapper.resolve(PositionProvider)
    global_scope = scopes[module]
    assert isinstance(global_scope, GlobalScope)
    future = _has_future_annotations(module)
    setup = find_setup(module, scopes, positions)
    context = _Context(parents, positions, global_scope, future)
    bindings = [
        _binding(index, alias_index, alias, node, global_scope, context, setup)
        for index, alias_index, alias, node in _top_level_aliases(module)
    ]
    bindings.extend(_guarded(module, context))
    return ImportsAnalysis(
        module,
        tuple(binding for binding in bindings if binding is not None),
        future,
        tuple(_dynamic_uses(scopes.values(), positions)),
        setup,
        "" if future else future_annotations_blocker(module),
    )


def parent_nodes(module: cst.Module) -> dict[cst.CSTNode, cst.CSTNode]:
    """Child -> parent for every node of ``module``: what libcst's ``ParentNodeProvider``
    gives, read straight from the nodes' fields. The provider asks each node for its
    ``children``, which libcst computes by rebuilding the node, so it cost as much as the scope
    analysis itself on a large conftest; this walk costs a fifth of it."""
    parents: dict[cst.CSTNode, cst.CSTNode] = {}
    pending: list[cst.CSTNode] = [module]
    while pending:
        node = pending.pop()
        for name in node.__dataclass_fields__:
            value = getattr(node, name)
            children = value if isinstance(value, list | tuple) else (value,)
            for child in children:
                if isinstance(child, cst.CSTNode):
                    parents[child] = node
                    pending.append(child)
    return parents


def _top_level_aliases(
    module: cst.Module,
) -> Iterator[tuple[int, int, cst.ImportAlias, cst.Import | cst.ImportFrom]]:
    for index, statement in enumerate(module.body):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import) or (
                isinstance(small, cst.ImportFrom)
                and not isinstance(small.names, cst.ImportStar)
                and _dotted(small.module) != "__future__"
            ):
                names = small.names
                assert not isinstance(names, cst.ImportStar)
                for alias_index, alias in enumerate(names):
                    yield index, alias_index, alias, small


def _binding(
    index: int,
    alias_index: int,
    alias: cst.ImportAlias,
    node: cst.Import | cst.ImportFrom,
    global_scope: GlobalScope,
    context: _Context,
    setup: SetupFacts,
) -> ImportBinding | None:
    dotted = _dotted(alias.name)
    asname = alias.asname
    if asname is not None and isinstance(asname.name, cst.Name):
        name = asname.name.value
    else:
        name = dotted.partition(".")[0] if isinstance(node, cst.Import) else dotted
    if isinstance(node, cst.ImportFrom):
        relative = "." * len(node.relative)
        module, imported = relative + _dotted(node.module), dotted
    else:
        module, imported = dotted, None
    assignments = [
        assignment
        for assignment in global_scope.assignments[name]
        if isinstance(assignment, ImportAssignment) and assignment.node is node
    ]
    if not assignments:
        return None
    statement = context.line(node)
    uses = tuple(
        sorted((context.use(a) for a in assignments[0].references), key=lambda use: use.line)
    )
    return ImportBinding(
        statement=index,
        alias=alias_index,
        name=name,
        module=module,
        imported=imported,
        has_alias=asname is not None,
        line=statement,
        uses=uses,
        side_effects=tuple(setup.side_effects(module, statement, node, uses)),
        rebound=len(global_scope.assignments[name]) > 1,
    )


def _guarded(module: cst.Module, context: _Context) -> Iterator[ImportBinding]:
    """Imports inside top-level ``try``/``if``/``with`` blocks: listed so reports can say why
    they stay (the block handles the import failing, or chooses between imports)."""
    for index, statement in enumerate(module.body):
        if not isinstance(statement, cst.Try | cst.If | cst.With) or _is_type_checking(statement):
            continue
        why = "guarded by a `try:` block, whose handler depends on it failing right there"
        if not isinstance(statement, cst.Try):
            why = "inside a module-level `if`/`with` block, which decides whether it runs"
        for number, node in enumerate(_block_imports(statement)):
            for alias in node.names if not isinstance(node.names, cst.ImportStar) else ():
                dotted = _dotted(alias.name)
                imported = dotted if isinstance(node, cst.ImportFrom) else None
                source = _dotted(node.module) if isinstance(node, cst.ImportFrom) else dotted
                name = dotted.partition(".")[0]
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    name = alias.asname.name.value
                yield ImportBinding(
                    index, -1 - number, name, source, imported, alias.asname is not None,
                    context.line(node), (), (why,), False,
                )  # fmt: skip


def _block_imports(statement: cst.CSTNode) -> list[cst.Import | cst.ImportFrom]:
    found: list[cst.Import | cst.ImportFrom] = []

    class Finder(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> None:
            found.append(node)

        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            if not node.relative and _dotted(node.module) != "__future__":
                found.append(node)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

    statement.visit(Finder())
    return found


def _is_type_checking(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.If) and _dotted(statement.test).endswith("TYPE_CHECKING")


class _Context:
    """Classifies one access by where it sits (see ``UseKind``)."""

    def __init__(
        self,
        parents: dict[cst.CSTNode, cst.CSTNode],
        positions: object,
        global_scope: GlobalScope,
        future_annotations: bool,
    ) -> None:
        self.parents = parents
        self.positions: dict[cst.CSTNode, object] = positions  # type: ignore[assignment]
        self.global_scope = global_scope
        self.future = future_annotations

    def line(self, node: cst.CSTNode) -> int:
        position: Any = self.positions[node]
        return int(position.start.line)

    def use(self, access: Access) -> Use:
        node = access.node
        line = self.line(node)
        touches = self._touches_attribute(node)
        function, deferred = self._function(access.scope)
        if deferred:
            kind = UseKind.FUNCTION_BODY if function is not None else UseKind.LAMBDA_BODY
            name = function.name.value if function is not None else ""
            return Use(kind, line, function, touches, name)
        in_class = _in_class(access.scope)
        if access.is_annotation and not in_class:
            never = self.future or isinstance(node, cst.SimpleString | cst.ConcatenatedString)
            kind = UseKind.ANNOTATION if never else UseKind.EVALUATED_ANNOTATION
            return Use(kind, line, None, touches)
        return Use(self._position(node, in_class), line, None, touches)

    def _function(self, scope: Scope | None) -> tuple[cst.FunctionDef | None, bool]:
        """The innermost ``def`` around ``scope`` and whether ``scope`` runs deferred."""
        deferred = False
        while scope is not None and scope is not self.global_scope:
            if isinstance(scope, FunctionScope):
                deferred = True
                if isinstance(scope.node, cst.FunctionDef):
                    return scope.node, True
            scope = scope.parent
        return None, deferred

    def _position(self, node: cst.CSTNode, in_class: bool) -> UseKind:
        child, parent = node, self.parents.get(node)
        while parent is not None and not isinstance(parent, cst.Module):
            if isinstance(parent, cst.Decorator):
                return UseKind.DECORATOR
            if isinstance(parent, cst.Param) and parent.default is child:
                return UseKind.DEFAULT
            if isinstance(parent, cst.ClassDef) and isinstance(child, cst.Arg):
                return UseKind.BASE_CLASS
            child, parent = parent, self.parents.get(parent)
        return UseKind.CLASS_BODY if in_class else UseKind.MODULE_LEVEL

    def _touches_attribute(self, node: cst.CSTNode) -> bool:
        parent = self.parents.get(node)
        return (
            (isinstance(parent, cst.Attribute) and parent.value is node)
            or (isinstance(parent, cst.Call) and parent.func is node)
            or (isinstance(parent, cst.Subscript) and parent.value is node)
        )


def _in_class(scope: Scope | None) -> bool:
    while scope is not None and not isinstance(scope, GlobalScope):
        if isinstance(scope, ClassScope):
            return True
        scope = scope.parent
    return False


def _dynamic_uses(scopes: Iterable[Scope | None], positions: object) -> Iterable[str]:
    """``globals()``, ``eval`` and friends read names no analysis can see."""
    found: list[str] = []
    accesses = {access for scope in set(scopes) if scope is not None for access in scope.accesses}
    for access in accesses:
        node = access.node
        if isinstance(node, cst.Name) and node.value in _DYNAMIC_BUILTINS and not access.referents:
            line = positions[node].start.line  # type: ignore[index]
            found.append(f"{node.value}() at line {line}")
    return sorted(set(found))


def _has_future_annotations(module: cst.Module) -> bool:
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.ImportFrom)
                and _dotted(small.module) == "__future__"
                and not isinstance(small.names, cst.ImportStar)
                and any(_dotted(alias.name) == "annotations" for alias in small.names)
            ):
                return True
    return False


def _dotted(node: cst.BaseExpression | None) -> str:
    if node is None:
        return ""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def bindings_by_statement(
    bindings: Sequence[ImportBinding],
) -> dict[int, list[ImportBinding]]:
    """Statement index -> its bindings, in alias order."""
    grouped: dict[int, list[ImportBinding]] = {}
    for binding in bindings:
        grouped.setdefault(binding.statement, []).append(binding)
    return grouped
