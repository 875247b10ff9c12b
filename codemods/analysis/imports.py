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
from dataclasses import dataclass, replace
from typing import TypeGuard

from codemods.analysis.annotations import annotation_reader, future_annotations_blocker
from codemods.analysis.global_names import global_names
from codemods.analysis.import_setup import (
    SetupFacts,
    find_setup,
    is_effect_comment,
    trailing_comment,
)
from codemods.analysis.import_time import is_type_checking_block
from codemods.analysis.name_uses import FoundUse, FunctionRef, Use, UseKind, find_uses
from codemods.analysis.statements import StatementUnit, source_lines, statement_units
from codemods.generated import LAZY_HELPER

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
    """Index of the alias within the statement; for an import inside a block, ``-1 - n`` where
    ``n`` counts the names the block's imports bind before it (``block_imports`` order)."""
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
    in_try: bool = False
    """Bound inside a module-level ``try:`` that only imports (``optional_import_refusal``):
    a module proxy in its place keeps the ``except ImportError`` handler working."""

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
    shared: bool = False
    """Another statement shares its line (for an import inside a ``try:`` body)."""


def analyse_imports(tree: ast.Module, source: str) -> ImportsAnalysis:
    """Every name bound by a top-level ``import``/``from`` statement of ``source`` (parsed as
    ``tree``), where it is used and why it may have to stay eager. Imports nested in
    ``try``/``if`` blocks are listed as guarded: the block exists to handle the import, so it
    stays as written, except in a ``try:`` that only imports and catches only ``ImportError``
    (``in_try``), whose uses are found as for a top-level import."""
    units = statement_units(tree, source)
    module = global_names(tree, source)
    future = _has_future_annotations(tree)
    setup = find_setup(units, source, module)
    imports = list(_top_level_imports(units))
    optional = list(_optional_imports(units))
    names = frozenset(_name(alias, i.node) for i in imports + optional for alias in i.node.names)
    uses = find_uses(tree, source, names, future, module)
    bindings = [
        _binding(found, alias_index, alias, uses, setup, module.counts[_name(alias, found.node)])
        for found in imports
        for alias_index, alias in enumerate(found.node.names)
    ]
    bindings.extend(_in_try(optional, uses, setup, source_lines(source)))
    bindings.extend(_guarded(units))
    blocker = "" if future else future_annotations_blocker(tree)
    reader = "" if future else annotation_reader(tree)
    return ImportsAnalysis(tuple(bindings), setup, blocker, reader)


def _optional_imports(units: tuple[StatementUnit, ...]) -> Iterator[_TopLevelImport]:
    """The imports in the body of each ``try:`` that ``optional_import_refusal`` accepts."""
    index = 0
    for unit in units:
        for statement in unit.statements:
            if isinstance(statement, ast.Try) and not optional_import_refusal(statement):
                for node in statement.body:
                    if _in_block(node) and node.names[0].name != "*":
                        yield _TopLevelImport(unit, index, node, _shares_line(node, statement))
            index += 1


def _shares_line(node: ast.stmt, block: ast.Try) -> bool:
    """Another statement, or the ``try:`` itself, is on the import's line."""
    return node.lineno == block.lineno or sum(o.lineno == node.lineno for o in block.body) > 1


def _in_try(
    found: list[_TopLevelImport],
    uses: dict[str, list[FoundUse]],
    setup: SetupFacts,
    lines: list[str],
) -> Iterator[ImportBinding]:
    """Bindings of the imports in optional-import ``try:`` bodies, numbered as ``_guarded``
    numbers them. Uses inside the ``try`` statement are not counted: its body binds only
    constants, and its handlers run only where the import failed."""
    position: dict[int, int] = {}
    for item in found:
        node = item.node
        end = node.end_lineno or node.lineno
        marked = is_effect_comment(trailing_comment(lines[end - 1], node, end))
        for alias in node.names:
            number = position.get(item.index, 0)
            position[item.index] = number + 1
            binding = _binding(item, -1 - number, alias, uses, setup, 1)
            effects = binding.side_effects
            if marked:
                effects = (*effects, "marked `# noqa` (a side-effect import)")
            yield replace(binding, side_effects=effects, shares_line=item.shared, in_try=True)


def optional_import_refusal(statement: ast.Try) -> str:
    """Why a module-level ``try:`` is not a plain optional import whose heavy imports a module
    proxy may stand for (empty: it is one). It must catch only ``ImportError`` or
    ``ModuleNotFoundError``, and its body and ``else:`` may only import and bind constants
    (``HAS_X = True``): anything else may need the import to have run, or may raise what a
    broader handler catches. There is no ``finally:``."""
    for handler in statement.handlers:
        caught = handler.type
        names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if caught is None or not all(
            isinstance(name, ast.Name) and name.id in IMPORT_ERRORS for name in names
        ):
            return f"its handler at line {handler.lineno} catches more than ImportError"
    if statement.finalbody:
        return "it has a `finally:` clause"
    other = next(
        (node for node in [*statement.body, *statement.orelse] if not _imports_or_constant(node)),
        None,
    )
    if other is not None:
        return f"it runs more than imports and constant assignments (line {other.lineno})"
    return ""


def _is_proxy(value: ast.expr) -> bool:
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == LAZY_HELPER
        and len(value.args) == 1
        and not value.keywords
        and isinstance(value.args[0], ast.Constant)
        and isinstance(value.args[0].value, str)
    )


IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})


def _imports_or_constant(node: ast.stmt) -> bool:
    """An import, a constant assignment, ``pass``, or a proxy this tool bound in place of an
    import (``x = _lazy_module("x")``: a second pass judges the block as the first did)."""
    if isinstance(node, ast.Pass | ast.Import | ast.ImportFrom):
        return True
    if isinstance(node, ast.Assign) and _is_proxy(node.value):
        return len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None and node.simple:
        targets, value = [node.target], node.value
    else:
        return False
    return isinstance(value, ast.Constant) and all(isinstance(t, ast.Name) for t in targets)


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
    they stay (the block handles the import failing, or chooses between imports). The body
    imports of an optional-import ``try:`` are ``_in_try``'s; its handlers' imports are here."""
    for unit in units:
        statement = unit.single
        if not isinstance(statement, ast.Try | ast.If | ast.With | ast.AsyncWith):
            continue
        if is_type_checking_block(statement):
            continue
        why, listed = _guard(statement)
        number = 0
        for node in _block_imports(statement):
            for alias in node.names if node.names[0].name != "*" else ():
                number += 1
                if node in listed:
                    continue
                imported = alias.name if isinstance(node, ast.ImportFrom) else None
                source = (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
                yield ImportBinding(
                    unit.index, -number, _name(alias, node), source, imported,
                    alias.asname is not None, node.lineno, (), (why,), False,
                )  # fmt: skip


def _guard(statement: ast.Try | ast.If | ast.With | ast.AsyncWith) -> tuple[str, list[ast.stmt]]:
    """Why the imports of a block stay eager, and those ``_in_try`` lists instead (the body
    of an optional-import ``try:``)."""
    if not isinstance(statement, ast.Try):
        return "inside a module-level `if`/`with` block, which decides whether it runs", []
    refusal = optional_import_refusal(statement)
    if refusal:
        return f"{TRY_GUARDED}, whose handler depends on it failing right there ({refusal})", []
    why = (
        f"{TRY_GUARDED}'s `except`/`else` clause, which runs only as the import in its body "
        "fails or succeeds"
    )
    return why, statement.body


TRY_GUARDED = "guarded by a `try:` block"
"""How the reasons of imports a ``try:`` keeps eager begin (reports match on it)."""


def _block_imports(statement: ast.stmt) -> list[ast.Import | ast.ImportFrom]:
    """The imports in a block, in source order, outside the functions and classes in it."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            if _in_block(node):
                found.append(node)
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            pending.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def _in_block(node: ast.stmt) -> TypeGuard[ast.Import | ast.ImportFrom]:
    """An import inside a block that the analysis lists: absolute, not ``__future__``, not
    PEP 810 ``lazy`` (the transform counts the same ones to find them again)."""
    if not isinstance(node, ast.Import | ast.ImportFrom) or getattr(node, "is_lazy", False):
        return False
    return isinstance(node, ast.Import) or (not node.level and node.module != "__future__")


def _has_future_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(statement, ast.ImportFrom)
        and statement.module == "__future__"
        and any(alias.name == "annotations" for alias in statement.names)
        for statement in tree.body
    )
