"""Fixture facts: which statements define pytest fixtures, under what name, needing what.

Read from the ``ast``, never libcst, so that ``check`` gets fixture facts without paying for
libcst; the libcst model (``codemods.analysis.model``) takes its fixtures from here and only
attaches the nodes its transforms edit.

Fixtures are recognised by the *qualified* name of their decorator (``pytest.fixture``,
``pytest_asyncio.fixture``, however imported or aliased), not by spelling. Besides ``def``
fixtures this finds fixtures made by assignment (``x = pytest.fixture(f)``) and by module-level
factories that return one (``db = make_fixture(...)``). The fixtures a fixture *requests* are its
arguments without defaults, ``usefixtures`` markers and ``request.getfixturevalue("literal")``.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from codemods.analysis.import_time import dotted_name, import_aliases
from codemods.analysis.statements import logical_lines, source_lines, statement_units

if TYPE_CHECKING:
    import libcst as cst

FIXTURE_DECORATORS = frozenset(
    {
        "pytest.fixture",
        "_pytest.fixtures.fixture",
        "pytest_asyncio.fixture",
        "pytest_asyncio.plugin.fixture",
    }
)
USEFIXTURES = frozenset({"pytest.mark.usefixtures"})

Qualify = Callable[[ast.expr], frozenset[str]]
"""Qualified names a dotted expression may refer to, through the module's imports."""

_FunctionDef = ast.FunctionDef | ast.AsyncFunctionDef
Group = tuple[ast.stmt, ...]
"""The ``ast`` statements of one libcst statement (several only for ``a = 1; b = 2``)."""


@dataclass(frozen=True)
class Fixture:
    """One fixture as pytest will register it."""

    name: str
    """The name tests request it by (``name=`` wins over the binding)."""
    binding: str
    """The module-level name the fixture object is bound to."""
    scope: str = "function"
    autouse: bool = False
    requests: frozenset[str] = frozenset()
    dynamic_requests: bool = False
    """``request.getfixturevalue(<not a literal>)``: what it needs cannot be known statically."""
    factory: bool = False
    parametrized: bool = False
    """Has ``params=`` (or is made by a factory, which may pass them): requesting it can turn
    one test into several, with ids and marks ``-k``/``-m`` select on."""
    is_async: bool = False
    statement: int = 0
    """Where the statement defining it is in its unit, counted in ``unit_statements`` order
    (0 is the unit itself): how the libcst model finds the node to attach."""
    decorator_index: int | None = None
    """For a ``def`` fixture, the position of its fixture decorator among its decorators."""
    function: cst.FunctionDef | None = None
    """The decorated function, when the fixture is a ``def`` in this module.

    This and the next two are libcst nodes: ``build_model`` attaches them for the transforms;
    ``module_fixtures`` (libcst-free) leaves them ``None``."""
    decorator: cst.Decorator | None = None
    """Its ``@pytest.fixture`` decorator (``@memory_profile`` goes right under it)."""
    call: cst.Call | None = None
    """For a fixture made by assignment, its ``pytest.fixture(...)`` call (the outer call of
    ``pytest.fixture(**options)(f)``): ``memory_profile`` wraps its function argument."""


@dataclass(frozen=True)
class UnitFixtures:
    """The fixtures of one top-level statement (libcst's ``Module.body[index]``)."""

    index: int
    line: int
    """The unit's first line (its first decorator's for a decorated ``def``), as libcst counts."""
    fixtures: tuple[Fixture, ...]


@dataclass(frozen=True)
class ModuleFixtures:
    """Every fixture of a module, unit by unit, and the fixture factories it can call."""

    units: tuple[UnitFixtures, ...]
    factories: frozenset[str]
    """Names of the fixture factories the module defines or was told it imports."""


def module_fixtures(
    tree: ast.Module, source: str, imported_factories: frozenset[str] = frozenset()
) -> ModuleFixtures:
    """The fixtures of ``tree`` (parsed from ``source``), grouped as libcst groups statements.

    ``imported_factories`` names fixture factories the module imports rather than defines:
    after a split, ``x = make_fixture(...)`` may sit in a layer above the one defining
    ``make_fixture``, and ``x`` is still a fixture.
    """
    lines = source_lines(source)
    qualify = qualifier(import_bindings(tree))
    units = statement_units(tree, source)
    factories = _fixture_factories((unit.single for unit in units), qualify) | imported_factories
    finder = _Finder(qualify, factories, lines)
    return ModuleFixtures(
        tuple(
            UnitFixtures(unit.index, unit.line, finder.fixtures(unit.statements)) for unit in units
        ),
        factories,
    )


def imported_factories(tree: ast.Module, lower: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Local names of the fixture factories a layer module reads from a lower layer module.

    ``lower`` maps a layer module's name (``conftest_base``) to the factories it defines. Every
    layer runs in the conftest's namespace, so a lower layer's factory is bound here unless this
    module imports the name from elsewhere; one imported from a lower layer under another name
    counts too. ``migrate`` leaves ``make_fixture`` in base and may move ``x = make_fixture(...)``
    up; reading that layer alone, ``x`` would not count as a fixture.
    """
    aliases = import_aliases(tree)
    found = {name for names in lower.values() for name in names if name not in aliases}
    for local, qualified in aliases.items():
        module, _, name = qualified.rpartition(".")
        if name in lower.get(module, frozenset()):
            found.add(local)
    return frozenset(found)


def import_bindings(tree: ast.Module) -> dict[str, frozenset[str]]:
    """Module-level name -> qualified names of the imports binding it anywhere in the global
    scope (``if``/``try``/loop blocks and ``if TYPE_CHECKING:`` included, as scope analysis
    sees them). ``import a.b`` binds ``a`` and ``a.b``; relative imports bind nothing here.

    ``GlobalNames.imported_as`` gives the same names (checked on 640 files), but
    ``global_names`` walks every expression for bindings and costs ``check`` three times
    this whole finder; fixture decorators only need the import statements."""
    bindings: dict[str, set[str]] = {}
    for node in _global_statements(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bindings.setdefault(alias.asname, set()).add(alias.name)
                    continue
                parts = alias.name.split(".")
                for cut in range(1, len(parts) + 1):
                    prefix = ".".join(parts[:cut])
                    bindings.setdefault(prefix, set()).add(prefix)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name != "*":
                    target = f"{node.module}.{alias.name}"
                    bindings.setdefault(alias.asname or alias.name, set()).add(target)
    return {name: frozenset(targets) for name, targets in bindings.items()}


def _global_statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements that run in the module's own scope: not inside a function or class."""
    for node in body:
        yield node
        if isinstance(node, _FunctionDef | ast.ClassDef):
            continue
        for field in ("body", "orelse", "finalbody"):
            yield from _global_statements(getattr(node, field, ()))
        for nested in (*getattr(node, "handlers", ()), *getattr(node, "cases", ())):
            yield from _global_statements(nested.body)


def qualifier(bindings: Mapping[str, frozenset[str]]) -> Qualify:
    """Qualified names of a dotted expression, from the module's import bindings.

    ``fx`` after ``from pytest import fixture as fx`` is ``pytest.fixture``; the longest bound
    prefix wins, so ``_pytest.fixtures.fixture`` after ``import _pytest.fixtures`` resolves.
    """

    def qualify(node: ast.expr) -> frozenset[str]:
        name = dotted_name(node)
        parts = name.split(".") if name else []
        for cut in range(len(parts), 0, -1):
            targets = bindings.get(".".join(parts[:cut]))
            if targets:
                rest = parts[cut:]
                return frozenset(".".join([target, *rest]) for target in targets)
        return frozenset()

    return qualify


def unit_statements(group: Group, lines: Sequence[str]) -> Iterator[Group]:
    """The unit ``group`` itself, then the statements of its ``if``/``try``/``with`` blocks,
    recursively: the statements that run when the module is imported.

    A one-line suite (``if x: a = f()``) is not entered, as libcst holds no statements there.
    """
    yield group
    if len(group) == 1:
        for block in _blocks(group[0], lines):
            if _indented(block, lines):
                for statement in logical_lines(block, lines):
                    yield from unit_statements(statement, lines)


def _blocks(node: ast.stmt, lines: Sequence[str]) -> Iterator[Sequence[ast.stmt]]:
    if isinstance(node, ast.If):
        yield node.body
        if _is_elif(node.orelse, lines):
            yield from _blocks(node.orelse[0], lines)
        elif node.orelse:
            yield node.orelse
    elif isinstance(node, ast.Try):
        yield node.body
        for handler in node.handlers:
            yield handler.body
        for clause in (node.orelse, node.finalbody):
            if clause:
                yield clause
    elif isinstance(node, ast.With | ast.AsyncWith):
        yield node.body


def _is_elif(orelse: Sequence[ast.stmt], lines: Sequence[str]) -> bool:
    """``elif``, as opposed to an ``else:`` block holding only an ``if``."""
    if len(orelse) != 1 or not isinstance(orelse[0], ast.If):
        return False
    node = orelse[0]
    return lines[node.lineno - 1].encode()[node.col_offset :].startswith(b"elif")


def _indented(block: Sequence[ast.stmt], lines: Sequence[str]) -> bool:
    """Whether ``block`` starts on a line of its own (not ``if x: a`` or ``if x: \\`` + ``a``).

    A backslash ending a line that holds a ``#`` is taken for part of a comment."""
    first = block[0]
    if lines[first.lineno - 1].encode()[: first.col_offset].strip():
        return False
    above = lines[first.lineno - 2].rstrip("\r\n") if first.lineno > 1 else ""
    return not (above.endswith("\\") and "#" not in above)


class _Finder:
    """Finds the fixtures of units, given the module's imports and fixture factories."""

    def __init__(self, qualify: Qualify, factories: frozenset[str], lines: Sequence[str]) -> None:
        self.qualify = qualify
        self.factories = factories
        self.lines = lines

    def fixtures(self, unit: Group) -> tuple[Fixture, ...]:
        """Every fixture that the top-level statement ``unit`` binds."""
        return tuple(
            fixture
            for position, group in enumerate(unit_statements(unit, self.lines))
            if (fixture := self._fixture_of(group, position)) is not None
        )

    def _fixture_of(self, group: Group, position: int) -> Fixture | None:
        if len(group) != 1:
            return None
        statement = group[0]
        if isinstance(statement, _FunctionDef):
            return self._decorated(statement, position)
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(target := statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.Call)
        ):
            return self._assigned(target.id, statement.value, position)
        return None

    def _decorated(self, function: _FunctionDef, position: int) -> Fixture | None:
        index = next(
            (
                i
                for i, decorator in enumerate(function.decorator_list)
                if is_fixture_decorator(decorator, self.qualify)
            ),
            None,
        )
        if index is None:
            return None
        options = _options(function.decorator_list[index])
        literals, dynamic = self._getfixturevalue_requests(function, options.get("params"))
        return Fixture(
            name=self._literal(options.get("name")) or function.name,
            binding=function.name,
            scope=self._literal(options.get("scope")) or "function",
            autouse=_truthy(options.get("autouse")),
            requests=_argument_requests(function) | self._usefixtures(function) | literals,
            dynamic_requests=dynamic,
            parametrized="params" in options,
            is_async=isinstance(function, ast.AsyncFunctionDef),
            statement=position,
            decorator_index=index,
        )

    def _assigned(self, binding: str, call: ast.Call, position: int) -> Fixture | None:
        """``x = pytest.fixture(f)``, ``x = pytest.fixture(scope=...)(f)``, ``x = factory(...)``."""
        if _is_fixture_call(call, self.qualify):
            options = _options(call.func if isinstance(call.func, ast.Call) else call)
            return Fixture(
                name=self._literal(options.get("name")) or binding,
                binding=binding,
                scope=self._literal(options.get("scope")) or "function",
                autouse=_truthy(options.get("autouse")),
                parametrized="params" in options,
                statement=position,
            )
        if isinstance(call.func, ast.Name) and call.func.id in self.factories:
            return Fixture(
                name=binding, binding=binding, factory=True, parametrized=True, statement=position
            )
        return None

    def _usefixtures(self, function: _FunctionDef) -> frozenset[str]:
        names: set[str] = set()
        for decorator in function.decorator_list:
            if isinstance(decorator, ast.Call) and self.qualify(decorator.func) & USEFIXTURES:
                values = [*decorator.args, *(keyword.value for keyword in decorator.keywords)]
                names.update(filter(None, (self._literal(_unstarred(v)) for v in values)))
        return frozenset(names)

    def _getfixturevalue_requests(
        self, function: _FunctionDef, params: ast.expr | None
    ) -> tuple[frozenset[str], bool]:
        """Names passed to ``getfixturevalue`` and whether any name cannot be known statically.

        ``request.getfixturevalue(request.param)`` asks for one of the fixture's ``params``,
        which are known when they are a literal list of strings.
        """
        literals: set[str] = set()
        dynamic = False
        for call in self._getfixturevalue_calls(function):
            argument = _first_argument(call)
            name = self._literal(argument)
            if name is not None:
                literals.add(name)
            elif (
                _is_request_param(argument) and (names := self._literal_strings(params)) is not None
            ):
                literals.update(names)
            else:
                dynamic = True
        return frozenset(literals), dynamic

    def _getfixturevalue_calls(self, function: _FunctionDef) -> Iterator[ast.Call]:
        """``x.getfixturevalue(...)`` calls in the body (the text is searched first: walking
        every fixture body would cost more than the rest of the analysis)."""
        first, last = function.body[0].lineno, function.end_lineno or function.lineno
        if not any("getfixturevalue" in line for line in self.lines[first - 1 : last]):
            return
        for statement in function.body:
            for node in ast.walk(statement):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "getfixturevalue"
                ):
                    yield node

    def _literal(self, value: ast.expr | None) -> str | None:
        """The value of one string literal (not an implicit concatenation, not bytes)."""
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            return None
        return value.value if self._single_token(value) else None

    def _single_token(self, value: ast.Constant) -> bool:
        """Whether ``"a"`` is one string token, as opposed to ``"a" "b"``."""
        end_line = value.end_lineno or value.lineno
        segment = [line.encode() for line in self.lines[value.lineno - 1 : end_line]]
        segment[-1] = segment[-1][: value.end_col_offset]
        segment[0] = segment[0][value.col_offset :]
        text = f"({b''.join(segment).decode()})"
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        return sum(token.type == tokenize.STRING for token in tokens) == 1

    def _literal_strings(self, expression: ast.expr | None) -> list[str] | None:
        """The strings of a literal list or tuple of strings, or ``None`` if it is anything else."""
        if not isinstance(expression, ast.List | ast.Tuple):
            return None
        names = [self._literal(_unstarred(element)) for element in expression.elts]
        return None if None in names else [name for name in names if name is not None]


def _fixture_factories(statements: Iterable[ast.stmt | None], qualify: Qualify) -> frozenset[str]:
    """Module-level functions that build and return fixtures, e.g. ``make_fixture(value)``."""
    return frozenset(
        statement.name
        for statement in statements
        if isinstance(statement, _FunctionDef)
        and not any(is_fixture_decorator(d, qualify) for d in statement.decorator_list)
        and _returns_fixture(statement, qualify)
    )


def _returns_fixture(function: _FunctionDef, qualify: Qualify) -> bool:
    """Whether ``function``'s body decorates or calls with ``pytest.fixture``."""
    for statement in function.body:
        for node in ast.walk(statement):
            if isinstance(node, _FunctionDef | ast.ClassDef) and any(
                is_fixture_decorator(decorator, qualify) for decorator in node.decorator_list
            ):
                return True
            if isinstance(node, ast.Call) and _is_fixture_call(node, qualify):
                return True
    return False


def is_fixture_decorator(expression: ast.expr, qualify: Qualify) -> bool:
    """``@pytest.fixture`` or ``@pytest.fixture(...)`` in any spelling."""
    callee = expression.func if isinstance(expression, ast.Call) else expression
    return bool(qualify(callee) & FIXTURE_DECORATORS)


def _is_fixture_call(call: ast.Call, qualify: Qualify) -> bool:
    """``pytest.fixture(f)`` or ``pytest.fixture(**options)(f)``."""
    callee = call.func.func if isinstance(call.func, ast.Call) else call.func
    return bool(qualify(callee) & FIXTURE_DECORATORS)


def _options(expression: ast.expr) -> dict[str, ast.expr]:
    if not isinstance(expression, ast.Call):
        return {}
    return {kw.arg: kw.value for kw in expression.keywords if kw.arg is not None}


def _truthy(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Constant) and value.value is True


def _unstarred(value: ast.expr) -> ast.expr:
    return value.value if isinstance(value, ast.Starred) else value


def _first_argument(call: ast.Call) -> ast.expr | None:
    """The first argument in source order, positional or keyword (``*``/``**`` stripped)."""
    values = [*call.args, *(keyword.value for keyword in call.keywords)]
    if not values:
        return None
    first = min(values, key=lambda value: (value.lineno, value.col_offset))
    return _unstarred(first)


def _argument_requests(function: _FunctionDef) -> frozenset[str]:
    """Arguments pytest fills with fixtures: those without a default value."""
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    positional = positional[: len(positional) - len(arguments.defaults)]
    keyword = [
        argument
        for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if default is None
    ]
    return frozenset(argument.arg for argument in (*positional, *keyword))


def _is_request_param(expression: ast.expr | None) -> bool:
    return isinstance(expression, ast.Attribute) and expression.attr == "param"
