"""Where each module-level import of a conftest is used, and whether it has side effects.

Deferring an import is only safe when nothing reads its name while the module is being
imported: a use inside a function body runs later, but decorators (``params=``), default values,
base classes, class bodies, evaluated annotations and plain module-level code run now. Every
use is found through Python's own scoping (``symtable``: a local or parameter of the same name
is not a use) and classified by where it sits (``codemods.analysis.name_uses``). Side-effect
signals say when an import must stay eager and in place whatever its uses. Read from the
``ast`` alone, so ``check`` never loads libcst; statements are named by their index in libcst's
``Module.body`` (``statement_units``) for the transform that rewrites them. Pure: no I/O.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from codemods.analysis.annotations import annotation_reader, future_annotations_blocker
from codemods.analysis.global_names import global_names
from codemods.analysis.import_setup import SetupFacts, find_setup
from codemods.analysis.import_time import is_type_checking_block
from codemods.analysis.name_uses import FoundUse, FunctionRef, Use, UseKind, find_uses
from codemods.analysis.statements import StatementUnit, statement_units

__all__ = [
    "FunctionRef",
    "ImportBinding",
    "ImportsAnalysis",
    "Use",
    "UseKind",
    "analyse_imports",
]


@dataclass(frozen=True)
class ImportBinding:
    """One name bound by a module-level ``import`` statement, with everything known about it."""

    statement: int
    """Index of the statement in libcst's ``Module.body``."""
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
    shares_line: bool = False
    """The statement shares its line with others (``import a; x = 1``)."""

    @property
    def qualified(self) -> str:
        return self.module if self.imported is None else f"{self.module}.{self.imported}"

    def kinds(self) -> frozenset[UseKind]:
        return frozenset(use.kind for use in self.uses)

    def functions(self) -> list[FunctionRef]:
        """The functions whose bodies use it, in source order, each once."""
        return list(dict.fromkeys(use.function for use in self.uses if use.function is not None))

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
    bindings: tuple[ImportBinding, ...]
    future_annotations: bool
    setup: SetupFacts
    future_blocker: str = ""
    """Why ``from __future__ import annotations`` may not be added (empty: it may)."""
    annotation_reader: str = ""
    """Why no annotation may be quoted: something reads annotations at run time (empty: none
    does)."""


@dataclass(frozen=True)
class _TopLevelImport:
    unit: StatementUnit
    index: int
    """The statement's index in ``tree.body`` (a libcst line may hold several)."""
    node: ast.Import | ast.ImportFrom


def analyse_imports(tree: ast.Module, source: str) -> ImportsAnalysis:
    """Every name bound by a top-level ``import``/``from`` statement of ``source`` (parsed as
    ``tree``), where it is used and why it may have to stay eager. Imports nested in
    ``try``/``if`` blocks are listed as guarded: the block exists to handle the import, so it
    stays as written."""
    units = statement_units(tree, source)
    module = global_names(tree, source)
    future = _has_future_annotations(tree)
    setup = find_setup(units, source, module)
    imports = list(_top_level_imports(units))
    names = frozenset(_name(alias, i.node) for i in imports for alias in i.node.names)
    uses = find_uses(tree, source, names, future, module)
    bindings = [
        _binding(found, alias_index, alias, uses, setup, module.counts[_name(alias, found.node)])
        for found in imports
        for alias_index, alias in enumerate(found.node.names)
    ]
    bindings.extend(_guarded(units))
    blocker = "" if future else future_annotations_blocker(tree)
    reader = "" if future else annotation_reader(tree)
    return ImportsAnalysis(tuple(bindings), future, setup, blocker, reader)


def _top_level_imports(units: tuple[StatementUnit, ...]) -> Iterator[_TopLevelImport]:
    index = 0
    for unit in units:
        for statement in unit.statements:
            if _listed(statement):
                assert isinstance(statement, ast.Import | ast.ImportFrom)
                yield _TopLevelImport(unit, index, statement)
            index += 1


def _listed(statement: ast.stmt) -> bool:
    """A plain top-level import the analysis lists (PEP 810 ``lazy import`` is lazy already)."""
    if getattr(statement, "is_lazy", False):
        return False
    if isinstance(statement, ast.ImportFrom):
        return statement.names[0].name != "*" and statement.module != "__future__"
    return isinstance(statement, ast.Import)


def _name(alias: ast.alias, node: ast.Import | ast.ImportFrom) -> str:
    """The module-level name an alias binds: ``np`` for ``import numpy as np``, ``a`` for
    ``import a.b``, ``y`` for ``from x import y``."""
    if alias.asname is not None or isinstance(node, ast.ImportFrom):
        return alias.asname or alias.name
    return alias.name.partition(".")[0]


def _binding(
    found: _TopLevelImport,
    alias_index: int,
    alias: ast.alias,
    uses: dict[str, list[FoundUse]],
    setup: SetupFacts,
    bound: int,
) -> ImportBinding:
    node = found.node
    name = _name(alias, node)
    module, imported = alias.name, None
    if isinstance(node, ast.ImportFrom):
        module, imported = "." * node.level + (node.module or ""), alias.name
    later = [f.use for f in uses.get(name, ()) if f.statement is None or f.statement > found.index]
    ordered = tuple(sorted(later, key=lambda use: use.line))
    return ImportBinding(
        statement=found.unit.index,
        alias=alias_index,
        name=name,
        module=module,
        imported=imported,
        has_alias=alias.asname is not None,
        line=node.lineno,
        uses=ordered,
        side_effects=tuple(setup.side_effects(module, node.lineno, ordered, name)),
        rebound=bound > 1,
        shares_line=len(found.unit.statements) != 1,
    )


def _guarded(units: tuple[StatementUnit, ...]) -> Iterator[ImportBinding]:
    """Imports inside top-level ``try``/``if``/``with`` blocks: listed so reports can say why
    they stay (the block handles the import failing, or chooses between imports)."""
    for unit in units:
        statement = unit.single
        if not isinstance(statement, ast.Try | ast.If | ast.With | ast.AsyncWith):
            continue
        if is_type_checking_block(statement):
            continue
        why = "guarded by a `try:` block, whose handler depends on it failing right there"
        if not isinstance(statement, ast.Try):
            why = "inside a module-level `if`/`with` block, which decides whether it runs"
        for number, node in enumerate(_block_imports(statement)):
            for alias in node.names if node.names[0].name != "*" else ():
                imported = alias.name if isinstance(node, ast.ImportFrom) else None
                source = (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
                yield ImportBinding(
                    unit.index, -1 - number, _name(alias, node), source, imported,
                    alias.asname is not None, node.lineno, (), (why,), False,
                )  # fmt: skip


def _block_imports(statement: ast.stmt) -> list[ast.Import | ast.ImportFrom]:
    """The imports in a block, in source order, outside the functions and classes in it."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "is_lazy", False):
            if isinstance(node, ast.Import) or (not node.level and node.module != "__future__"):
                found.append(node)
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            pending.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def _has_future_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(statement, ast.ImportFrom)
        and statement.module == "__future__"
        and any(alias.name == "annotations" for alias in statement.names)
        for statement in tree.body
    )
