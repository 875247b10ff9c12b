"""Module-level set-up that an import may depend on, and the other signs of a side-effect import.

An import placed after ``os.environ[...] = ...`` or ``sys.path.insert(...)`` may read that
set-up while it runs (settings modules, plugins found on a path); ``register_assert_rewrite``
must run before its target is imported; an import whose name nothing reads, or that carries a
``# noqa``, is there for what importing does. All of them stay eager and in place. Calls are
matched by qualified name (``from os import environ`` counts too), never by spelling.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from codemods.analysis.global_names import GlobalNames, full_name
from codemods.analysis.statements import StatementUnit, source_lines

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
        self, module: str, line: int, uses: Sequence[object], name: str = ""
    ) -> Iterator[str]:
        """Why the import of ``module`` at ``line`` (binding ``name``) must stay eager and in
        place. An unused name may still be read by pytest from the module's namespace: a hook
        (``pytest_*``) or a re-exported fixture, so the reason must not claim nothing uses it."""
        if not uses and name.startswith("pytest_"):
            yield f"pytest calls `{name}` as a hook, found in the module's namespace at import"
        elif not uses:
            yield (
                "no name it binds is used in this module: pytest may read it as a fixture, "
                "or it is imported for what importing does"
            )
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


def find_setup(units: Sequence[StatementUnit], source: str, module: GlobalNames) -> SetupFacts:
    """The set-up facts of a module, from its top-level statements (``statement_units``)."""
    lines = source_lines(source)
    finder = _SetupFinder(module, source)
    noqa: set[int] = set()
    for previous, unit in zip([None, *units], units, strict=False):
        if any(isinstance(s, ast.Import | ast.ImportFrom) for s in unit.statements):
            if _is_marked(previous, unit, lines):
                noqa.add(unit.line)
            continue
        for statement in unit.statements:
            finder.visit(statement)
    first = min(finder.setup, default=None)
    what = finder.setup[first] if first is not None else ""
    return SetupFacts(first, what, tuple(finder.rewrite_targets), frozenset(noqa))


def _is_marked(previous: StatementUnit | None, unit: StatementUnit, lines: Sequence[str]) -> bool:
    """A comment on the statement's last line, or in the lines libcst gives it as leading
    lines: those after ``previous`` that no indented block's footer takes (none for the first
    statement, whose leading lines form the module header)."""
    last = unit.statements[-1]
    comments = [_trailing_comment(lines[unit.end_line - 1], last, unit.end_line)]
    if previous is not None:
        comments += _leading_comments(previous, unit, lines)
    lowered = [comment.lower() for comment in comments]
    return any("noqa" in text or "side effect" in text or "side-effect" in text for text in lowered)


def _trailing_comment(line: str, last: ast.stmt, end_line: int) -> str:
    start = last.end_col_offset if last.end_lineno == end_line else 0
    rest = line.encode()[start or 0 :].decode(errors="replace")
    return rest[rest.find("#") :] if "#" in rest else ""


def _leading_comments(
    previous: StatementUnit, unit: StatementUnit, lines: Sequence[str]
) -> list[str]:
    gap = lines[previous.end_line : unit.line - 1]
    indent = _footer_indent(previous.statements[-1], lines)
    if indent:
        claimed = [i for i, text in enumerate(gap) if text.startswith(indent)]
        gap = gap[claimed[-1] + 1 :] if claimed else gap
    return [text.strip() for text in gap if text.strip().startswith("#")]


def _footer_indent(statement: ast.stmt, lines: Sequence[str]) -> str:
    """The indentation of a compound statement's last indented block, whose footer owns the
    comment lines after it that are indented at least as deep (empty: no such block)."""
    body = _last_body(statement, lines)
    if not body:
        return ""
    first = body[0]
    prefix = lines[first.lineno - 1].encode()[: first.col_offset].decode(errors="replace")
    return prefix if not prefix.strip() else ""


def _last_body(statement: ast.stmt, lines: Sequence[str]) -> list[ast.stmt]:
    if isinstance(statement, ast.If) and statement.orelse:
        following = statement.orelse[0]
        text = lines[following.lineno - 1].encode()[following.col_offset :]
        if isinstance(following, ast.If) and text.startswith(b"elif"):
            return _last_body(following, lines)
        return statement.orelse
    if isinstance(statement, ast.For | ast.AsyncFor | ast.While | ast.If):
        return statement.orelse or statement.body
    handlers = getattr(statement, "handlers", None)
    if handlers is not None:
        finalbody: list[ast.stmt] = getattr(statement, "finalbody", [])
        orelse: list[ast.stmt] = getattr(statement, "orelse", [])
        return finalbody or orelse or (handlers[-1].body if handlers else [])
    if isinstance(statement, ast.Match):
        return statement.cases[-1].body
    body: list[ast.stmt] = getattr(statement, "body", [])
    return body if isinstance(body, list) else []


class _SetupFinder:
    """Finds set-up evaluated at import time, as libcst's visitor did before: function and
    lambda bodies are not entered (a function's decorators are), class bodies are."""

    def __init__(self, module: GlobalNames, source: str) -> None:
        self.module = module
        self.source = source
        self.setup: dict[int, str] = {}
        self.rewrite_targets: list[str] = []

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            children: list[ast.AST] = list(node.decorator_list)
        elif isinstance(node, ast.Lambda):
            return
        elif isinstance(node, ast.ClassDef):
            children = [*node.decorator_list, *node.bases, *node.keywords, *node.body]
        else:
            self._check(node)
            children = list(ast.iter_child_nodes(node))
        for child in children:
            self.visit(child)

    def _check(self, node: ast.AST) -> None:
        if isinstance(node, ast.Call):
            self._call(node)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                self._target(target)
        elif isinstance(node, ast.AugAssign) or (
            isinstance(node, ast.Delete) and len(node.targets) == 1
        ):
            self._target(node.target if isinstance(node, ast.AugAssign) else node.targets[0])

    def _names(self, node: ast.expr) -> set[str]:
        name = full_name(node)
        return self.module.qualified(name) if name else set()

    def _call(self, node: ast.Call) -> None:
        names = self._names(node.func)
        if names & SETUP_CALLS:
            self.setup.setdefault(node.lineno, f"`{sorted(names & SETUP_CALLS)[0]}(...)`")
        if names & REWRITE_CALLS:
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            self.rewrite_targets.extend(
                argument.value
                for argument in arguments
                if isinstance(argument, ast.Constant)
                and isinstance(argument.value, str)
                and _one_literal(ast.get_source_segment(self.source, argument) or "")
            )

    def _target(self, target: ast.expr) -> None:
        base = target.value if isinstance(target, ast.Subscript) else target
        names = self._names(base) & SETUP_TARGETS
        if names:
            self.setup.setdefault(target.lineno, f"a change to `{sorted(names)[0]}`")


def _one_literal(text: str) -> bool:
    """Whether ``text`` is one string literal, not an implicit concatenation (libcst's
    ``SimpleString``, the only kind it read a value from)."""
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return sum(token.type == tokenize.STRING for token in tokens) == 1
