"""The statements the lazy-imports transform writes, built as libcst nodes.

Kept apart from the transform so that it reads as decisions -> places; each builder returns a
node that prints the way a person would write it (black-compatible, default indentation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import libcst as cst

from codemods.analysis.imports import ImportBinding
from codemods.generated import LAZY_HELPER, RUNTIME_STEM, runtime_binding

LAZY_MODULES = "__lazy_modules__"


def is_import_line(statement: cst.BaseStatement | None) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(small, cst.Import | cst.ImportFrom) for small in statement.body
    )


def alias_count(statement: cst.SimpleStatementLine) -> int:
    return len(_names(statement.body[0]))


def _names(small: cst.BaseSmallStatement) -> Sequence[cst.ImportAlias]:
    assert isinstance(small, cst.Import | cst.ImportFrom)
    names = small.names
    assert not isinstance(names, cst.ImportStar)
    return names


def _clean(aliases: Sequence[cst.ImportAlias]) -> list[cst.ImportAlias]:
    """The aliases with plain ``, `` separators (no parentheses or line breaks to carry)."""
    cleaned = [cst.ImportAlias(name=alias.name, asname=alias.asname) for alias in aliases]
    return [
        alias.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        for alias in cleaned[:-1]
    ] + cleaned[-1:]


def _aliases(
    module: cst.Module, bindings: Sequence[ImportBinding]
) -> tuple[cst.Import | cst.ImportFrom, list[cst.ImportAlias]]:
    statement = module.body[bindings[0].statement]
    assert isinstance(statement, cst.SimpleStatementLine)
    small = statement.body[0]
    names = _names(small)
    assert isinstance(small, cst.Import | cst.ImportFrom)
    return small, _clean([names[binding.alias] for binding in bindings])


def import_for(module: cst.Module, bindings: Sequence[ImportBinding]) -> cst.SimpleStatementLine:
    """A fresh import statement for ``bindings`` (all from one statement), keeping ``as`` names."""
    small, aliases = _aliases(module, bindings)
    plain: cst.BaseSmallStatement
    if isinstance(small, cst.ImportFrom):
        plain = small.with_changes(
            names=aliases, lpar=None, rpar=None, semicolon=cst.MaybeSentinel.DEFAULT
        )
    else:
        plain = small.with_changes(names=aliases, semicolon=cst.MaybeSentinel.DEFAULT)
    return cst.SimpleStatementLine(body=[plain])


def lazy_statement(
    module: cst.Module, bindings: Sequence[ImportBinding], like: cst.SimpleStatementLine | None
) -> cst.SimpleStatementLine:
    """``lazy import x`` / ``lazy from x import y`` (PEP 810) for ``bindings``."""
    small, aliases = _aliases(module, bindings)
    lazy: cst.BaseSmallStatement
    if isinstance(small, cst.ImportFrom):
        lazy = cst.LazyImportFrom(module=small.module, names=aliases, relative=small.relative)
    else:
        lazy = cst.LazyImport(names=aliases)
    if like is None:
        return cst.SimpleStatementLine(body=[lazy])
    return like.with_changes(body=[lazy])


def keep_aliases(
    statement: cst.SimpleStatementLine, keep: Sequence[int]
) -> cst.SimpleStatementLine:
    small = statement.body[0]
    names = _names(small)
    kept = [names[index] for index in keep]
    if len(kept) == len(names):
        return statement
    assert isinstance(small, cst.Import | cst.ImportFrom)
    if isinstance(small, cst.ImportFrom) and small.lpar is not None:
        kept[-1] = kept[-1].with_changes(comma=names[-1].comma)
        return statement.with_changes(body=[small.with_changes(names=kept)])
    return statement.with_changes(body=[small.with_changes(names=_clean(kept))])


def insert_into_body(
    function: cst.FunctionDef, imports: Sequence[cst.SimpleStatementLine]
) -> cst.FunctionDef:
    """``imports`` at the top of the body: after the docstring and ``global`` statements."""
    body = function.body
    if isinstance(body, cst.SimpleStatementSuite):
        body = cst.IndentedBlock(
            body=[
                cst.SimpleStatementLine(
                    body=body.body, trailing_whitespace=body.trailing_whitespace
                )
            ]
        )
    statements: list[cst.BaseStatement] = [
        statement for statement in body.body if isinstance(statement, cst.BaseStatement)
    ]
    existing = {cst.Module(body=[]).code_for_node(s) for s in statements}
    new = [s for s in imports if cst.Module(body=[]).code_for_node(s) not in existing]
    position = 0
    while position < len(statements) and _is_preamble(statements[position], position):
        position += 1
    if position < len(statements) and position == 0 and new:
        first = statements[0]
        new[0] = new[0].with_changes(leading_lines=getattr(first, "leading_lines", ()))
        statements[0] = first.with_changes(leading_lines=())
    statements[position:position] = new
    return function.with_changes(body=body.with_changes(body=statements))


def _is_preamble(statement: cst.BaseStatement, position: int) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    small = statement.body[0]
    if isinstance(small, cst.Global | cst.Nonlocal):
        return True
    return (
        position == 0
        and isinstance(small, cst.Expr)
        and isinstance(small.value, cst.SimpleString | cst.ConcatenatedString)
    )


def proxy_statement(binding: ImportBinding) -> cst.SimpleStatementLine:
    """``np = _lazy_module("numpy")`` for ``import numpy as np``."""
    return _statement(f'{binding.name} = {LAZY_HELPER}("{binding.module}")')


def proxies_in_block(
    statements: Sequence[cst.BaseStatement], proxied: Mapping[int, ImportBinding]
) -> list[cst.BaseStatement]:
    """A block's statements with each name at a position in ``proxied`` bound by a proxy in
    its import's place. Positions count the names the block's imports bind, as
    ``codemods.analysis.imports`` numbers them (``-1 - n``); only ``import x`` is proxied."""
    out: list[cst.BaseStatement] = []
    position = 0
    for statement in statements:
        positions = [-1 - (position + i) for i in range(_counted_aliases(statement))]
        position += len(positions)
        chosen = [proxied[p] for p in positions if p in proxied]
        if not chosen:
            out.append(statement)
            continue
        assert isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
        proxies = [proxy_statement(binding) for binding in chosen]
        keep = [alias for alias, p in enumerate(positions) if p not in proxied]
        if keep:
            out.extend([keep_aliases(statement, keep), *proxies])
            continue
        proxies[0] = proxies[0].with_changes(leading_lines=statement.leading_lines)
        proxies[-1] = proxies[-1].with_changes(trailing_whitespace=statement.trailing_whitespace)
        out.extend(proxies)
    return out


def _counted_aliases(statement: cst.BaseStatement) -> int:
    """How many names the imports of ``statement`` bind, counted as the analysis counts them in
    a block: absolute imports only, not ``__future__``, not ``*``."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return 0
    count = 0
    for small in statement.body:
        if isinstance(small, cst.Import):
            count += len(small.names)
        elif isinstance(small, cst.ImportFrom) and not small.relative:
            future = isinstance(small.module, cst.Name) and small.module.value == "__future__"
            if not future and not isinstance(small.names, cst.ImportStar):
                count += len(small.names)
    return count


def blank_before_comments(statement: cst.BaseStatement) -> list[cst.EmptyLine]:
    """``statement``'s leading lines with exactly one blank line before its comments
    (something now precedes it)."""
    lines = leading(statement)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return [cst.EmptyLine(), *lines]


def helper_statements(support: str) -> list[cst.BaseStatement]:
    """Bind the runtime's ``lazy_module``: ``support`` is ``RUNTIME_STEM`` in a layer module
    (its orchestrator registered the runtime), else the runtime's path relative to the module,
    loaded by path (``codemods.generated.runtime_binding``)."""
    reference = None if support == RUNTIME_STEM else support
    return [*cst.parse_module(runtime_binding({LAZY_HELPER: "lazy_module"}, reference)).body]


def type_checking_import() -> cst.SimpleStatementLine:
    return _statement("from typing import TYPE_CHECKING")


def type_checking_block(module: cst.Module, bindings: Sequence[ImportBinding]) -> cst.If:
    """``if TYPE_CHECKING:`` holding one import per original statement of ``bindings``."""
    block = cst.parse_statement("if TYPE_CHECKING:\n    pass\n")
    assert isinstance(block, cst.If)
    return block.with_changes(body=cst.IndentedBlock(body=_checking_imports(module, bindings)))


def _checking_imports(
    module: cst.Module, bindings: Sequence[ImportBinding]
) -> list[cst.SimpleStatementLine]:
    """One import per original statement; a statement that moves whole keeps its comment."""
    groups: dict[int, list[ImportBinding]] = {}
    for binding in bindings:
        groups.setdefault(binding.statement, []).append(binding)
    imports = []
    for index, group in sorted(groups.items()):
        statement = import_for(module, group)
        original = module.body[index]
        assert isinstance(original, cst.SimpleStatementLine)
        if len(group) == alias_count(original):
            statement = statement.with_changes(trailing_whitespace=original.trailing_whitespace)
        imports.append(statement)
    return imports


def is_type_checking_block(statement: cst.BaseStatement | None) -> bool:
    return (
        isinstance(statement, cst.If)
        and isinstance(statement.test, cst.Name | cst.Attribute)
        and cst.Module(body=[]).code_for_node(statement.test).endswith("TYPE_CHECKING")
        and isinstance(statement.body, cst.IndentedBlock)
    )


def join_type_checking_block(
    module: cst.Module, statement: cst.BaseStatement, bindings: Sequence[ImportBinding]
) -> cst.BaseStatement:
    """``statement`` (an existing ``if TYPE_CHECKING:`` block) with imports for ``bindings``
    first in its body."""
    assert isinstance(statement, cst.If) and isinstance(statement.body, cst.IndentedBlock)
    body = [*_checking_imports(module, bindings), *statement.body.body]
    return statement.with_changes(body=statement.body.with_changes(body=body))


def blank_before(statement: cst.BaseStatement) -> cst.BaseStatement:
    return statement.with_changes(leading_lines=[cst.EmptyLine()])


def binds_at_top(module: cst.Module, name: str) -> bool:
    """Whether a top-level import or assignment already binds ``name`` (so it is reused)."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import | cst.ImportFrom) and not isinstance(
                small.names, cst.ImportStar
            ):
                for alias in small.names:
                    bound = alias.asname.name if alias.asname else alias.name
                    if isinstance(bound, cst.Name) and bound.value == name:
                        return True
            if isinstance(small, cst.Assign) and any(
                isinstance(target.target, cst.Name) and target.target.value == name
                for target in small.targets
            ):
                return True
    return False


def with_lazy_modules(
    body: list[cst.BaseStatement], modules: Sequence[str]
) -> list[cst.BaseStatement]:
    """Add ``modules`` to ``__lazy_modules__`` (PEP 810), binding it before the first import
    when it does not exist yet. Names already listed are not added again."""
    if not modules:
        return body
    for index, statement in enumerate(body):
        listed = _lazy_modules_list(statement)
        if listed is not None:
            missing = [name for name in modules if name not in listed]
            if missing:
                body[index] = _assign_list(statement, [*listed, *missing])
            return body
    first = next((i for i, s in enumerate(body) if is_import_line(s) and not _is_future(s)), 0)
    statement = _statement(f"{LAZY_MODULES} = {_string_list(dict.fromkeys(modules))}")
    target = body[first]
    body[first:first] = [statement.with_changes(leading_lines=getattr(target, "leading_lines", ()))]
    body[first + 1] = target.with_changes(leading_lines=[cst.EmptyLine()])
    return body


def with_future_annotations(body: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """``from __future__ import annotations`` first after the module docstring (and after the
    other ``__future__`` imports), with the blank line a reader expects after it."""
    position = 0
    if body and _is_docstring(body[0]):
        position = 1
    while position < len(body) and _is_future(body[position]):
        position += 1
    statement = _statement("from __future__ import annotations")
    if position == 0:
        following = body[0] if body else None
        if following is not None:
            statement = statement.with_changes(leading_lines=leading(following))
            body[0] = following.with_changes(leading_lines=[cst.EmptyLine()])
    elif not _is_future(body[position - 1]):
        statement = statement.with_changes(leading_lines=[cst.EmptyLine()])
    return [*body[:position], statement, *body[position:]]


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )


def _is_future(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and isinstance(statement.body[0], cst.ImportFrom)
        and isinstance(statement.body[0].module, cst.Name)
        and statement.body[0].module.value == "__future__"
    )


def _lazy_modules_list(statement: cst.BaseStatement) -> list[str] | None:
    if not isinstance(statement, cst.SimpleStatementLine):
        return None
    small = statement.body[0]
    if not (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
        and small.targets[0].target.value == LAZY_MODULES
        and isinstance(small.value, cst.List | cst.Tuple)
    ):
        return None
    values = [element.value for element in small.value.elements]
    return [
        value.evaluated_value
        for value in values
        if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str)
    ]


def _assign_list(statement: cst.BaseStatement, names: list[str]) -> cst.BaseStatement:
    assert isinstance(statement, cst.SimpleStatementLine)
    new = _statement(f"{LAZY_MODULES} = {_string_list(names)}")
    return statement.with_changes(body=new.body)


def _string_list(names: Iterable[str]) -> str:
    return "[" + ", ".join(f'"{name}"' for name in names) + "]"


def leading(statement: cst.BaseStatement) -> list[cst.EmptyLine]:
    return list(getattr(statement, "leading_lines", ()))


def trailing_comment(statement: cst.BaseStatement) -> list[cst.EmptyLine]:
    """A removed statement's end-of-line comment, kept as a comment line."""
    trailing = getattr(statement, "trailing_whitespace", None)
    if trailing is None or trailing.comment is None:
        return []
    return [cst.EmptyLine(comment=trailing.comment)]


def with_leading(statement: cst.BaseStatement, lines: Sequence[cst.EmptyLine]) -> cst.BaseStatement:
    """``lines`` (from removed statements) before ``statement``'s own; where they meet, as many
    blank lines as the larger side had, not both."""
    if not lines:
        return statement
    carried, own = list(lines), leading(statement)
    tail = _count_blank(reversed(carried))
    head = _count_blank(own)
    joined = [*carried[: len(carried) - tail], *([cst.EmptyLine()] * max(tail, head)), *own[head:]]
    return statement.with_changes(leading_lines=joined)


def _count_blank(lines: Iterable[cst.EmptyLine]) -> int:
    count = 0
    for line in lines:
        if line.comment is not None:
            break
        count += 1
    return count


def without_blank_lead(statement: cst.BaseStatement) -> cst.BaseStatement:
    """``statement`` without the blank lines before its first comment (it opens the module)."""
    lines = leading(statement)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return statement.with_changes(leading_lines=lines)


def _statement(code: str) -> cst.SimpleStatementLine:
    statement = cst.parse_statement(code + "\n")
    assert isinstance(statement, cst.SimpleStatementLine)
    return statement
