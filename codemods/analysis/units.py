"""Units: the top-level statements of a conftest, each with its leading comments.

A unit is what the split moves as a whole. Its kind says what pytest and the planner care about
(a fixture, a hook, an import that can be copied to every layer that needs it, a side effect that
must keep running at startup...). Pins written as ``# conftest: services`` comments are read here.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from codemods.analysis.fixtures import Fixture
from codemods.layers import Layer

PIN_COMMENT = re.compile(r"#\s*conftest:\s*(\w+)\s*$")
PYTEST_SPECIAL_NAMES = frozenset({"pytest_plugins", "collect_ignore", "collect_ignore_glob"})
"""Module attributes pytest itself reads from a conftest (besides hooks and fixtures)."""


class UnitKind(enum.Enum):
    DOCSTRING = "docstring"
    FUTURE_IMPORT = "__future__ import"
    IMPORT = "import"
    FIXTURE = "fixture"
    HOOK = "hook"
    HELPER = "helper"
    CONSTANT = "constant"
    STATEMENT = "statement"
    """Anything that runs code at import time: calls, ``if``/``try`` blocks, item assignments..."""


@dataclass(frozen=True)
class Unit:
    """One top-level statement and everything the planner needs to know about it."""

    index: int
    node: cst.BaseStatement
    kind: UnitKind
    name: str
    line: int
    code: str
    pin: Layer | None = None
    binds: frozenset[str] = frozenset()
    """Module-level names this unit (re)binds, including through ``global`` in a function."""
    reads: frozenset[str] = frozenset()
    """Module-level names it reads, anywhere in its code."""
    eager_reads: frozenset[str] = frozenset()
    """The names it reads while the module is being imported (decorators, defaults, bodies of
    class and ``if`` blocks), as opposed to later, when a function runs."""
    unresolved: frozenset[str] = frozenset()
    """Names read but bound nowhere in the module (builtins excluded): maybe from ``import *``."""
    global_rebinds: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset()
    """Qualified names of the imported things it uses, e.g. ``unittest.mock.MagicMock``."""
    fixtures: tuple[Fixture, ...] = field(default=())
    star_import: bool = False

    def describe(self) -> str:
        """``kind name (line N)`` for messages."""
        return f"{self.kind.value} {self.name} (line {self.line})"


def unit_kind(node: cst.BaseStatement, index: int, fixtures: tuple[Fixture, ...]) -> UnitKind:
    """Classify a top-level statement; fixture detection happens before, with scope metadata."""
    if isinstance(node, cst.FunctionDef):
        if fixtures:
            return UnitKind.FIXTURE
        return UnitKind.HOOK if is_hook_name(node.name.value) else UnitKind.HELPER
    if isinstance(node, cst.ClassDef):
        return UnitKind.HELPER
    if not isinstance(node, cst.SimpleStatementLine):
        return UnitKind.STATEMENT
    small = node.body
    if index == 0 and len(small) == 1 and _is_docstring(small[0]):
        return UnitKind.DOCSTRING
    if all(isinstance(part, cst.ImportFrom) and _is_future(part) for part in small):
        return UnitKind.FUTURE_IMPORT
    if all(isinstance(part, (cst.Import, cst.ImportFrom)) for part in small):
        return UnitKind.IMPORT
    if all(_is_name_assignment(part) for part in small):
        return UnitKind.FIXTURE if fixtures else UnitKind.CONSTANT
    return UnitKind.STATEMENT


def is_hook_name(name: str) -> bool:
    return name.startswith("pytest_") and name != "pytest_plugins"


def unit_name(node: cst.BaseStatement, kind: UnitKind, line: int, code: str) -> str:
    """A readable, mostly unique name: the def/class name, assigned names, or the import."""
    if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return node.name.value
    if kind in (UnitKind.CONSTANT, UnitKind.FIXTURE) and isinstance(node, cst.SimpleStatementLine):
        return ", ".join(_target_names(node))
    if kind in (UnitKind.IMPORT, UnitKind.FUTURE_IMPORT):
        return code.strip().splitlines()[-1].split("#")[0].strip()
    return f"<{kind.value} at line {line}>"


def read_pin(node: cst.BaseStatement) -> str | None:
    """The layer named by a ``# conftest: <layer>`` comment above or on the unit's first line."""
    comments = [line.comment for line in leading_lines(node) if line.comment]
    if isinstance(node, cst.FunctionDef | cst.ClassDef):
        comments += [line.comment for line in node.lines_after_decorators if line.comment]
    header = _header_comment(node)
    if header is not None:
        comments.append(header)
    for comment in reversed(comments):
        match = PIN_COMMENT.match(comment.value)
        if match:
            return match.group(1)
    return None


def calls_at_import(node: cst.BaseStatement) -> bool:
    """Whether an assignment's value makes a call while the module is imported
    (``_CLIENT = make_client()``), outside lambdas, whose bodies run later."""
    if not isinstance(node, cst.SimpleStatementLine):
        return False
    finder = _CallFinder()
    for part in node.body:
        value = getattr(part, "value", None)
        if isinstance(value, cst.BaseExpression):
            value.visit(finder)
    return finder.found


class _CallFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Call(self, node: cst.Call) -> None:
        self.found = True


def unit_comments(node: cst.BaseStatement) -> list[str]:
    """The comments above a statement and on its first line."""
    comments = [line.comment.value for line in leading_lines(node) if line.comment]
    header = _header_comment(node)
    return [*comments, header.value] if header is not None else comments


def imported_modules(node: cst.BaseStatement) -> list[str]:
    """The modules an import statement names: ``a.b`` for ``import a.b as c`` and for
    ``from a.b import c`` (relative imports keep their dots)."""
    found: list[str] = []
    if not isinstance(node, cst.SimpleStatementLine):
        return found
    for part in node.body:
        if isinstance(part, cst.Import):
            found += [_dotted(alias.name) for alias in part.names]
        elif isinstance(part, cst.ImportFrom):
            module = _dotted(part.module) if part.module is not None else ""
            found.append("." * len(part.relative) + module)
    return found


def imported_names(node: cst.BaseStatement) -> list[str]:
    """The names a ``from`` import takes from its module (``y`` in ``from x import y as z``):
    a ``pytest_*`` name there is a hook pytest finds in the conftest."""
    if not isinstance(node, cst.SimpleStatementLine):
        return []
    return [
        _dotted(alias.name)
        for part in node.body
        if isinstance(part, cst.ImportFrom) and not isinstance(part.names, cst.ImportStar)
        for alias in part.names
    ]


def alias_names(node: cst.BaseStatement) -> list[frozenset[str]] | None:
    """The names each alias of a one-statement import binds, in order (``import a.b`` binds
    ``a.b`` and ``a``); ``None`` when the aliases cannot be copied one by one: a star import,
    several statements on the line, or a comment between the aliases, which belongs to them."""
    if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
        return None
    statement = node.body[0]
    if not isinstance(statement, cst.Import | cst.ImportFrom) or isinstance(
        statement.names, cst.ImportStar
    ):
        return None
    inner = statement.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    if "#" in cst.Module([]).code_for_node(inner):
        return None
    return [_alias_names(alias, isinstance(statement, cst.Import)) for alias in statement.names]


def _alias_names(alias: cst.ImportAlias, plain: bool) -> frozenset[str]:
    if alias.asname is not None:
        assert isinstance(alias.asname.name, cst.Name)
        return frozenset({alias.asname.name.value})
    dotted = _dotted(alias.name)
    if not plain:
        return frozenset({dotted})
    parts = dotted.split(".")
    return frozenset(".".join(parts[:cut]) for cut in range(1, len(parts) + 1))


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return node.value if isinstance(node, cst.Name) else ""


def leading_lines(node: cst.BaseStatement) -> Sequence[cst.EmptyLine]:
    """The blank and comment lines above a statement (every concrete statement has them)."""
    assert isinstance(node, cst.SimpleStatementLine | cst.BaseCompoundStatement)
    return node.leading_lines


def _header_comment(node: cst.BaseStatement) -> cst.Comment | None:
    if isinstance(node, cst.SimpleStatementLine):
        return node.trailing_whitespace.comment
    body = getattr(node, "body", None)
    header = getattr(body, "header", None)
    return header.comment if isinstance(header, cst.TrailingWhitespace) else None


def _is_docstring(part: cst.BaseSmallStatement) -> bool:
    return isinstance(part, cst.Expr) and isinstance(
        part.value, (cst.SimpleString, cst.ConcatenatedString)
    )


def _is_future(part: cst.ImportFrom) -> bool:
    return isinstance(part.module, cst.Name) and part.module.value == "__future__"


def _is_name_assignment(part: cst.BaseSmallStatement) -> bool:
    if isinstance(part, cst.AnnAssign):
        return isinstance(part.target, cst.Name)
    if not isinstance(part, cst.Assign):
        return False
    return all(_is_name_target(target.target) for target in part.targets)


def _is_name_target(target: cst.BaseExpression) -> bool:
    if isinstance(target, cst.Name):
        return True
    if isinstance(target, (cst.Tuple, cst.List)):
        return all(_is_name_target(element.value) for element in target.elements)
    return False


def _target_names(node: cst.SimpleStatementLine) -> list[str]:
    names: list[str] = []
    for part in node.body:
        targets = [part.target] if isinstance(part, cst.AnnAssign) else []
        if isinstance(part, cst.Assign):
            targets = [target.target for target in part.targets]
        for target in targets:
            names.extend(_flatten_names(target))
    return names


def _flatten_names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _flatten_names(element.value)]
    return []
