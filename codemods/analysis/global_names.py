"""What a module's global scope binds, and the qualified name a dotted expression stands for.

The facts the import analysis reads from libcst's ``GlobalScope`` before, taken from the ``ast``:
how many times each name is bound in the module scope (an ``import``, an assignment target, a
``def``/``class``, a ``for``/``with``/``except`` target, or any of those in a function that
declares the name ``global``), and which import binds it. ``import a.b`` binds ``a.b`` and ``a``,
as it did there. Each binding carries the position from which libcst counted it as made
(module-scope reads placed before it did not see it). Qualified names follow libcst's
``ImportAssignment.get_qualified_names_for``, so ``environ.setdefault`` after
``from os import environ`` is ``os.environ.setdefault``.
"""

from __future__ import annotations

import ast
import builtins
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass(frozen=True)
class GlobalNames:
    counts: Counter[str]
    """Name (dotted for ``import a.b``) -> how many times the module scope binds it."""
    imports: dict[str, list[ast.Import | ast.ImportFrom]]
    """Name -> the import statements that bind it in the module scope."""

    def bound(self, name: str) -> bool:
        return self.counts[name] > 0

    def qualified(self, dotted: str) -> set[str]:
        """What ``dotted`` (``os.environ.setdefault``) names, through the longest prefix the
        module binds (or a builtin); empty when nothing binds it."""
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            prefix = ".".join(parts[:cut])
            if self.bound(prefix):
                found = {q for node in self.imports.get(prefix, ()) for q in _via(node, dotted)}
                others = self.counts[prefix] > sum(
                    _binds(node, prefix) for node in self.imports.get(prefix, ())
                )
                return found | {dotted} if others else found
            if cut == 1 and hasattr(builtins, prefix):
                return {f"builtins.{prefix}"}
        return set()

    def imported_as(self, name: str, before: Position | None) -> set[str]:
        """libcst's qualified names for a read of ``name`` through the imports binding it
        (only those settled by ``before``, for a read in the module scope)."""
        nodes = self.imports.get(name, ())
        if before is not None:
            nodes = [node for node in nodes if _end(node) <= before]
        return {qualified for node in nodes for qualified in _via(node, name)}


def global_names(tree: ast.Module, source: str) -> GlobalNames:
    """The module scope's bindings; function and class bodies are searched only when the
    text has a ``global`` statement that could bind a module name from in there."""
    return gather(global_bindings(tree.body, inside="global" in source))


def gather(bindings: Iterable[Binding]) -> GlobalNames:
    """The ``GlobalNames`` of a module whose module-scope bindings are ``bindings``."""
    counts: Counter[str] = Counter()
    imports: dict[str, list[ast.Import | ast.ImportFrom]] = {}
    for binding in bindings:
        name, node = binding.name, binding.node
        counts[name] += 1
        if isinstance(node, ast.Import | ast.ImportFrom) and node not in imports.get(name, []):
            imports.setdefault(name, []).append(node)
    return GlobalNames(counts, imports)


def import_names(alias: ast.alias, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The names one alias binds: ``import a.b.c`` binds ``a.b.c``, ``a.b`` and ``a``."""
    if alias.asname is not None or isinstance(node, ast.ImportFrom):
        return [alias.asname or alias.name]
    parts = alias.name.split(".")
    return [".".join(parts[:cut]) for cut in range(len(parts), 0, -1)]


def full_name(node: ast.expr) -> str | None:
    """libcst's ``get_full_name_for_node``: ``a.b`` for ``a.b``, ``a.b()`` and ``a.b[0]``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        value = full_name(node.value)
        return None if value is None else f"{value}.{node.attr}"
    if isinstance(node, ast.Call):
        return full_name(node.func)
    if isinstance(node, ast.Subscript):
        return full_name(node.value)
    return None


Position = tuple[int, int]


@dataclass(frozen=True)
class Binding:
    """One binding of a module-scope name."""

    node: ast.AST
    name: str
    settled: Position
    """Where libcst's scope analysis counts it as made: the end of the innermost assignment-like
    construct holding it (an assignment, import, ``def`` or ``class``; an ``except`` clause
    where its body starts), but the end of the target itself for ``for`` and ``with ... as``.
    A module-scope read at or after this position sees the binding; ``x = x`` does not see
    its own. For a binding made through ``global`` in a nested scope: the end of the
    module-scope statement holding that scope."""
    in_function: bool
    """Made in a function body, through a ``global`` declaration."""


def global_bindings(nodes: Sequence[ast.AST], inside: bool) -> Iterator[Binding]:
    """Every binding of the module scope in ``nodes`` (module-scope statements); function and
    class bodies are searched, for names they declare ``global``, only when ``inside``."""
    return _global_bindings([(node, None) for node in nodes], None, inside, False)


def _global_bindings(
    nodes: Sequence[tuple[ast.AST, Position | None]],
    declared: frozenset[str] | None,
    inside: bool,
    in_function: bool,
) -> Iterator[Binding]:
    """``declared`` is ``None`` in the module scope itself, else the names the current
    function or class declares ``global``; each node comes with the position its bindings
    settle at so far (in a nested scope: the end of the module-scope ``def`` or ``class``)."""
    pending = list(reversed(nodes))
    while pending:
        node, settled = pending.pop()
        if declared is None:
            settled = _settles(node) or settled
        for name in bound_here(node):
            if declared is None or name in declared:
                assert settled is not None
                yield Binding(node, name, settled, in_function)
        if isinstance(node, SCOPES):
            outer, body = _split_scope(node)
            pending.extend((child, settled) for child in reversed(outer))
            if inside:
                nested = [(child, settled) for child in body]
                function = in_function or not isinstance(node, ast.ClassDef)
                names = frozenset(_declared_global(body))
                yield from _global_bindings(nested, names, inside, function)
        elif isinstance(node, COMPREHENSIONS):
            pending.append((node.generators[0].iter, settled))
        else:
            children = reversed(list(ast.iter_child_nodes(node)))
            pending.extend(
                (child, _target_settles(node, child, declared) or settled) for child in children
            )


_ASSIGNMENT_LIKE = (
    ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.Import, ast.ImportFrom,
    ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
)  # fmt: skip


def _settles(node: ast.AST) -> Position | None:
    """Where libcst counts the module-scope bindings made in ``node`` as made, if ``node``
    settles them: an assignment-like statement or expression at its end, an ``except``
    clause where its body starts."""
    if isinstance(node, _ASSIGNMENT_LIKE):
        return _end(node)
    if isinstance(node, ast.ExceptHandler) and node.body:
        return node.body[0].lineno, node.body[0].col_offset
    return None


def _target_settles(
    node: ast.AST, child: ast.AST, declared: frozenset[str] | None
) -> Position | None:
    """A ``for`` target or ``with ... as`` target binds as soon as it is read."""
    if declared is not None:
        return None
    if isinstance(node, ast.For | ast.AsyncFor) and child is node.target:
        return _end(child)
    if isinstance(node, ast.withitem) and child is node.optional_vars:
        return _end(child)
    return None


def _end(node: ast.AST) -> Position:
    return getattr(node, "end_lineno", 0) or 0, getattr(node, "end_col_offset", 0) or 0


def bound_here(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        return [node.id]
    if isinstance(node, ast.Import | ast.ImportFrom):
        aliases = [alias for alias in node.names if alias.name != "*"]
        return [name for alias in aliases for name in import_names(alias, node)]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.ExceptHandler) and node.name:
        return [node.name]
    return []


def _split_scope(node: ast.AST) -> tuple[list[ast.AST], list[ast.AST]]:
    """What a ``def``/``lambda``/``class`` evaluates where it stands, and its own body."""
    if isinstance(node, ast.ClassDef):
        return [*node.decorator_list, *node.bases, *node.keywords], list(node.body)
    assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
    arguments = node.args
    outer: list[ast.AST] = [*arguments.defaults, *(d for d in arguments.kw_defaults if d)]
    if isinstance(node, ast.Lambda):
        return outer, [node.body]
    return [*node.decorator_list, *outer], list(node.body)


def walk_scope(nodes: Sequence[ast.AST]) -> Iterator[ast.AST]:
    """The nodes of one scope's body, not entering nested scopes (their outer parts too)."""
    pending = list(nodes)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, SCOPES):
            pending.extend(ast.iter_child_nodes(node))


def _declared_global(body: Sequence[ast.AST]) -> Iterator[str]:
    for node in walk_scope(body):
        if isinstance(node, ast.Global):
            yield from node.names


def _binds(node: ast.Import | ast.ImportFrom, name: str) -> int:
    return sum(import_names(alias, node).count(name) for alias in node.names)


def _via(node: ast.Import | ast.ImportFrom, full: str) -> Iterator[str]:
    """libcst's ``ImportAssignment.get_qualified_names_for(full)`` for the statement ``node``."""
    module = ""
    if isinstance(node, ast.ImportFrom):
        module = "." * node.level + (node.module or "")
    for alias in node.names:
        parts = alias.name.split(".")
        for cut in range(len(parts), 0, -1):
            real = ".".join(parts[:cut])
            as_name = alias.asname or real
            if module:
                real = f"{module}{real}" if module.endswith(".") else f"{module}.{real}"
            if full.startswith(as_name):
                remaining = full.split(as_name, 1)[1]
                if remaining and not remaining.startswith("."):
                    continue
                remaining = remaining.lstrip(".")
                yield f"{real}.{remaining}" if remaining else real
                break
