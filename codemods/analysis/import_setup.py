"""Module-level set-up that an import may depend on, and the other signs of a side-effect import.

An import placed after ``os.environ[...] = ...`` or ``sys.path.insert(...)`` may read that
set-up while it runs (settings modules, plugins found on a path); ``register_assert_rewrite``
must run before its target is imported; an import whose name nothing reads, or that carries a
``# noqa``, is there for what importing does. All of them stay eager and in place. Calls are
matched by qualified name (``from os import environ`` counts too), never by spelling.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import libcst as cst
from libcst.metadata import Scope

SETUP_CALLS = frozenset(
    {
        "os.environ.setdefault",
        "os.environ.update",
        "os.environ.pop",
        "os.environ.__setitem__",
        "os.putenv",
        "os.unsetenv",
        "os.chdir",
        "sys.path.insert",
        "sys.path.append",
        "sys.path.extend",
        "site.addsitedir",
        "dotenv.load_dotenv",
        "django.setup",
    }
)
"""Calls that change what a later import sees."""
SETUP_TARGETS = frozenset({"os.environ", "sys.path", "sys.modules"})
"""Objects whose assignment (``os.environ["X"] = ...``, ``sys.path = ...``) is set-up."""
REWRITE_CALLS = frozenset({"pytest.register_assert_rewrite"})


class _Position(Protocol):
    @property
    def start(self) -> Any: ...


@dataclass(frozen=True)
class SetupFacts:
    first_setup_line: int | None
    """Line of the first module-level statement that changes the environment or ``sys.path``."""
    setup_what: str
    rewrite_targets: tuple[str, ...]
    """Modules named in a module-level ``pytest.register_assert_rewrite(...)``."""
    noqa_lines: frozenset[int]
    """Lines of import statements marked ``# noqa`` or commented as a side-effect import."""

    def side_effects(
        self, module: str, line: int, node: cst.Import | cst.ImportFrom, uses: Sequence[object]
    ) -> Iterator[str]:
        """Why the import of ``module`` at ``line`` must stay eager and in place."""
        if not uses:
            yield "no name it binds is used: it is imported for what importing does"
        if line in self.noqa_lines:
            yield "marked `# noqa` (a side-effect import)"
        if self.first_setup_line is not None and self.first_setup_line < line:
            yield (
                f"placed after {self.setup_what} at line {self.first_setup_line}: "
                "it may depend on it"
            )
        if any(
            module == target or module.startswith(f"{target}.") for target in self.rewrite_targets
        ):
            yield "a register_assert_rewrite target: it must be imported after that call, as now"


def find_setup(
    module: cst.Module,
    scopes: Mapping[cst.CSTNode, Scope | None],
    positions: Mapping[cst.CSTNode, Any],
) -> SetupFacts:
    finder = _SetupFinder(scopes, positions)
    noqa: set[int] = set()
    for statement in module.body:
        if _is_import_line(statement):
            if _is_marked(statement):
                noqa.add(positions[statement].start.line)
            continue
        statement.visit(finder)
    first = min(finder.setup, default=None)
    what = finder.setup[first] if first is not None else ""
    return SetupFacts(first, what, tuple(finder.rewrite_targets), frozenset(noqa))


def _is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(small, cst.Import | cst.ImportFrom) for small in statement.body
    )


def _is_marked(statement: cst.BaseStatement) -> bool:
    assert isinstance(statement, cst.SimpleStatementLine)
    comments = [line.comment.value for line in statement.leading_lines if line.comment]
    trailing = statement.trailing_whitespace.comment
    if trailing is not None:
        comments.append(trailing.value)
    lowered = [comment.lower() for comment in comments]
    return any("noqa" in text or "side effect" in text or "side-effect" in text for text in lowered)


class _SetupFinder(cst.CSTVisitor):
    """Finds set-up evaluated at import time; function and lambda bodies are not entered."""

    def __init__(
        self, scopes: Mapping[cst.CSTNode, Scope | None], positions: Mapping[cst.CSTNode, Any]
    ) -> None:
        self.scopes = scopes
        self.positions = positions
        self.setup: dict[int, str] = {}
        self.rewrite_targets: list[str] = []

    def _names(self, node: cst.CSTNode) -> set[str]:
        scope = self.scopes.get(node)
        if scope is None:
            return set()
        return {name.name for name in scope.get_qualified_names_for(node)}

    def _record(self, node: cst.CSTNode, what: str) -> None:
        self.setup.setdefault(self.positions[node].start.line, what)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for decorator in node.decorators:
            decorator.visit(self)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Call(self, node: cst.Call) -> None:
        names = self._names(node.func)
        if names & SETUP_CALLS:
            self._record(node, f"`{sorted(names & SETUP_CALLS)[0]}(...)`")
        if names & REWRITE_CALLS:
            self.rewrite_targets.extend(
                arg.value.evaluated_value
                for arg in node.args
                if isinstance(arg.value, cst.SimpleString)
                and isinstance(arg.value.evaluated_value, str)
            )

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._target(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._target(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._target(node.target)

    def _target(self, target: cst.BaseExpression) -> None:
        base = target.value if isinstance(target, cst.Subscript) else target
        names = self._names(base) & SETUP_TARGETS
        if names:
            self._record(target, f"a change to `{sorted(names)[0]}`")
