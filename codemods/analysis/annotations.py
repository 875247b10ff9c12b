"""Whether ``from __future__ import annotations`` may be added to a conftest.

It stops every annotation of the module from being evaluated, which lets an import used only in
annotations go under ``TYPE_CHECKING``. That is safe only when nothing reads annotations at run
time: class-level annotations (dataclasses, pydantic, NamedTuple, TypedDict read them), functions
that carry decorators other than pytest's (FastAPI, pydantic, typer, ``singledispatch`` read
theirs), and explicit readers (``get_type_hints``, ``__annotations__``). Any of those and the
module is left as it is. Pure and conservative: a name is enough to refuse, wherever it appears
(an attribute, an imported name, a keyword); the first reason in source order is given.

Where the future import is refused, single annotations may still be quoted
(``codemods.transforms.quote_annotations``): ``quotable_annotation`` and the decorators in
``PYTEST_DECORATOR_ROOTS`` say where, and ``annotation_reader`` says when no annotation of the
module may be.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

_RUNTIME_READERS = frozenset({"get_type_hints", "__annotations__", "get_annotations", "signature"})
"""Names of what reads a function's annotations at run time, wherever it is called from."""
_READERS = _RUNTIME_READERS | {"singledispatch", "dataclass"}
PYTEST_DECORATOR_ROOTS = frozenset({"pytest", "pytest_asyncio", "fixture", "memory_profile"})
"""Decorators that never read the annotations of what they decorate: pytest's, and the
``@memory_profile`` that ``migrate`` adds (its ``functools.wraps`` copies them unread)."""


def future_annotations_blocker(tree: ast.Module) -> str:
    """Why the future import must not be added (empty when it may)."""
    reason = next(_reasons(tree, in_class=False), "")
    if reason:
        return reason
    escaping = escaping_functions(tree)
    handed = next(
        (
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name in escaping
            and _annotated(node)
        ),
        None,
    )
    return (
        f"`{handed}` is handed around as a value: what receives it may read its annotations"
        if handed
        else ""
    )


def _annotated(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    arguments = node.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
    return node.returns is not None or any(arg.annotation is not None for arg in every)


def _reasons(node: ast.AST, in_class: bool) -> Iterator[str]:
    """Every reason to refuse, in the order libcst's visitor met them (a definition before its
    decorators, each name where it is written)."""
    if isinstance(node, ast.AnnAssign) and in_class:
        yield "a class body has annotations, which libraries read at run time"
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        annotated = node.returns is not None or any(arg.annotation for arg in node.args.args)
        roots = [decorator_root(decorator) for decorator in node.decorator_list]
        foreign = [root for root in roots if root not in PYTEST_DECORATOR_ROOTS]
        if annotated and foreign:
            yield f"`{node.name}` has a decorator that may read annotations"
    in_class = in_class or isinstance(node, ast.ClassDef)
    for child in _children(node):
        if isinstance(child, str):
            if child in _READERS:
                yield f"the module uses `{child}`"
        else:
            yield from _reasons(child, in_class)


def _children(node: ast.AST) -> Iterator[ast.AST | str]:
    """``node``'s children and the identifiers it spells (libcst ``Name`` nodes), in order."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield from node.decorator_list
        yield node.name
        rest = ["bases", "keywords"] if isinstance(node, ast.ClassDef) else ["args", "returns"]
        yield from _fields(node, [*rest, "body"])
        return
    if isinstance(node, ast.ImportFrom) and node.module:
        yield from node.module.split(".")
    if isinstance(node, ast.alias):
        yield from node.name.split(".")
    if isinstance(node, ast.keyword | ast.arg | ast.ExceptHandler | ast.MatchAs | ast.MatchStar):
        yield from _identifiers(node)
    if isinstance(node, ast.Global | ast.Nonlocal):
        yield from node.names
    if isinstance(node, ast.Name):
        yield node.id
    yield from ast.iter_child_nodes(node)
    if isinstance(node, ast.Attribute):
        yield node.attr
    if isinstance(node, ast.alias) and node.asname:
        yield node.asname
    if isinstance(node, ast.MatchMapping) and node.rest:
        yield node.rest
    if isinstance(node, ast.MatchClass):
        yield from node.kwd_attrs


def _fields(node: ast.AST, names: list[str]) -> Iterator[ast.AST]:
    for name in names:
        value = getattr(node, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.AST):
                yield item


def _identifiers(node: ast.AST) -> Iterator[str]:
    for name in ("arg", "name"):
        value = getattr(node, name, None)
        if isinstance(value, str):
            yield value


def annotation_reader(tree: ast.Module) -> str:
    """Why no annotation of the module may be quoted: it names something that evaluates
    annotations at run time (``get_type_hints``, ``inspect.get_annotations``,
    ``__annotations__``, ``inspect.signature``), which would then meet a string whose names
    may no longer be bound (empty when nothing does)."""
    for node in ast.walk(tree):
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
        if isinstance(node, ast.alias):
            name = node.name.rpartition(".")[2]
        if name in _RUNTIME_READERS:
            return f"the module uses `{name}`, which evaluates annotations at run time"
    return ""


def escaping_functions(tree: ast.Module) -> frozenset[str]:
    """Names of the module's functions that are read other than as the callee of a call:
    handed to something (``app.dependency_overrides[get_db] = fake_db``, a registry, a
    callback) that may read their annotations at run time, so those are never quoted. A
    parameter or local variable of the same name (``def total(frame): frame.sum()``, as
    fixtures are requested) is not a read of the function."""
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    found: set[str] = set()
    _escaping(tree, defined, frozenset(), found)
    return frozenset(found)


def _escaping(node: ast.AST, defined: set[str], local: frozenset[str], found: set[str]) -> None:
    outer: list[ast.AST] = []
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        outer += [part for part in node.args.kw_defaults if part is not None]
        outer += node.args.defaults
        if not isinstance(node, ast.Lambda):
            outer += node.decorator_list
        body: list[ast.AST] = [*node.body] if isinstance(node.body, list) else [node.body]
        inner = local | _locals(node, body)
        for part in outer:
            _escaping(part, defined, local, found)
        for statement in body:
            _escaping(statement, defined, inner, found)
        return
    if isinstance(node, ast.Call):
        outer = [*node.args, *node.keywords]
        if not isinstance(node.func, ast.Name):
            outer.append(node.func)
        for part in outer:
            _escaping(part, defined, local, found)
        return
    if (
        isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Load)
        and node.id in defined
        and node.id not in local
    ):
        found.add(node.id)
    for child in ast.iter_child_nodes(node):
        _escaping(child, defined, local, found)


def _locals(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, body: list[ast.AST]
) -> frozenset[str]:
    """A function's parameters and the names its own body binds (not nested scopes')."""
    arguments = node.args
    names = {arg.arg for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    names |= {arg.arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None}
    declared: set[str] = set()
    pending = list(body)
    while pending:
        current = pending.pop()
        if isinstance(current, ast.Global | ast.Nonlocal):
            declared.update(current.names)
        elif isinstance(current, ast.Name) and isinstance(current.ctx, ast.Store):
            names.add(current.id)
        elif isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(current.name)
            continue
        if not isinstance(current, ast.Lambda):
            pending.extend(ast.iter_child_nodes(current))
    return frozenset(names - declared)


def quotable_annotation(annotation: ast.expr) -> bool:
    """Whether an annotation can become a string as written: one line, and no string inside
    (quoting one would need escapes, and ``Literal["a"]`` must stay as it is)."""
    if annotation.end_lineno != annotation.lineno:
        return False
    return not any(
        isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.Constant) and isinstance(node.value, str | bytes))
        for node in ast.walk(annotation)
    )


def decorator_root(expression: ast.expr) -> str:
    """The name a decorator expression starts from: ``pytest`` for ``@pytest.fixture(...)``."""
    while isinstance(expression, ast.Call | ast.Attribute):
        expression = expression.func if isinstance(expression, ast.Call) else expression.value
    return expression.id if isinstance(expression, ast.Name) else ""
