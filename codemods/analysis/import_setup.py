"""Module-level set-up that an import may depend on, and the other signs of a side-effect import.

An import placed after ``os.chdir(...)`` or a change to ``sys.modules`` may see something else
once deferred (tests change the working directory; a module injected into ``sys.modules`` may be
gone by then): it stays eager and in place. Environment and ``sys.path`` set-up
(``os.environ.setdefault``, ``load_dotenv()``, ``sys.path.insert``) does not pin later imports:
a deferred import still runs after it, and what it set stays set. ``register_assert_rewrite``
must run before its target is imported; an import whose name nothing reads, that carries a
``# noqa`` or side-effect comment, or that ``EFFECT_MODULES`` (or ``effect-imports``) names, is
there for what importing does. Calls are matched by qualified name (``from os import chdir``
counts too), never by spelling.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from codemods.analysis.global_names import GlobalNames, full_name
from codemods.analysis.statements import StatementUnit, source_lines

SETUP_CALLS = frozenset({"os.chdir", "os.fchdir"})
"""Calls whose effect a deferred import may no longer see: tests change the working directory
(``monkeypatch.chdir``), and a relative ``sys.path`` entry then finds other modules."""
SETUP_TARGETS = frozenset({"sys.modules"})
"""Objects whose assignment (``sys.modules["x"] = fake``) is set-up a later import may need
while it lasts."""
EFFECT_MODULES = frozenset(
    {
        # change how the interpreter or the standard library behaves once imported
        "readline", "rlcompleter", "setuptools", "pkg_resources", "_distutils_hack",
        # instrument other libraries on import
        "ddtrace.auto",
        # register pandas/xarray extension dtypes or accessors, which code then names by string
        # (``dtype="pint[m]"``, ``df.clean_names()``, ``ds.rio``, ``df.hvplot``)
        "pint_pandas", "geopandas", "janitor", "hvplot.pandas", "cf_xarray", "rioxarray",
    }
)  # fmt: skip
"""Modules imported for what importing them does to other code. Each stays where it is, in the
always-loaded base layer, even where the layers that read its name are gated. ``matplotlib`` is
not listed: selecting a backend is a call (``matplotlib.use("Agg")``), a statement that reads
the import and so keeps it eager and before it. ``effect-imports`` in the configuration adds
to this list."""
UNUSED = "no name it binds is used in this module"
"""How the side effect of an import whose name nothing in its module reads begins."""
REWRITE_CALLS = frozenset({"pytest.register_assert_rewrite"})
_NOQA = re.compile(r"#\s*noqa(?::\s*([\w, ]+))?")


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
                f"{UNUSED}: pytest may read it as a fixture, or it is imported for what "
                "importing does"
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
    comments = [trailing_comment(lines[unit.end_line - 1], last, unit.end_line)]
    if previous is not None:
        comments += _leading_comments(previous, unit, lines)
    return any(is_effect_comment(comment) for comment in comments)


def is_effect_comment(comment: str) -> bool:
    """Whether a comment marks its import as one kept for what importing does: it says so
    ("side effect"), or silences the unused-import warning (a bare ``# noqa``,
    ``# noqa: F401``, pylint's ``unused-import``). ``# noqa: E402`` only excuses the
    import's position."""
    lowered = comment.lower()
    if "side effect" in lowered or "side-effect" in lowered or "unused-import" in lowered:
        return True
    match = _NOQA.search(lowered)
    return match is not None and (not match.group(1) or "f401" in match.group(1))


def is_effect_module(module: str, extra: Iterable[str] = ()) -> bool:
    """Whether ``module`` (or a package above it) is one of ``EFFECT_MODULES`` or ``extra``."""
    listed = EFFECT_MODULES.union(extra)
    parts = module.split(".")
    return any(".".join(parts[:cut]) in listed for cut in range(1, len(parts) + 1))


def trailing_comment(line: str, last: ast.stmt, end_line: int) -> str:
    """The comment at the end of ``line`` (the source's line ``end_line``), after ``last``."""
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
