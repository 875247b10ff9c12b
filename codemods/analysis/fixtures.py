"""Fixture facts: which statements define pytest fixtures, under what name, needing what.

Fixtures are recognised by the *qualified* name of their decorator (``pytest.fixture``,
``pytest_asyncio.fixture``, however imported or aliased), not by spelling. Besides ``def``
fixtures this finds fixtures made by assignment (``x = pytest.fixture(f)``) and by module-level
factories that return one (``db = make_fixture(...)``). The fixtures a fixture *requests* are its
arguments without defaults, ``usefixtures`` markers and ``request.getfixturevalue("literal")``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

FIXTURE_DECORATORS = frozenset(
    {
        "pytest.fixture",
        "_pytest.fixtures.fixture",
        "pytest_asyncio.fixture",
        "pytest_asyncio.plugin.fixture",
    }
)
FIXTURE_MODULES = frozenset(name.partition(".")[0] for name in FIXTURE_DECORATORS)
"""Top-level modules a fixture factory must use to build fixtures."""
USEFIXTURES = frozenset({"pytest.mark.usefixtures"})

Qualify = Callable[[cst.CSTNode], frozenset[str]]
"""Qualified names an expression may refer to (through the imports libcst scope analysis found)."""


@dataclass(frozen=True)
class Fixture:
    """One fixture as pytest will register it."""

    name: str
    """The name tests request it by (``name=`` wins over the binding)."""
    binding: str
    """The module-level name the fixture object is bound to."""
    function: cst.FunctionDef | None
    """The decorated function, when the fixture is a ``def`` in this module."""
    decorator: cst.Decorator | None = None
    """Its ``@pytest.fixture`` decorator (``@memory_profile`` goes right under it)."""
    call: cst.Call | None = None
    """For a fixture made by assignment, its ``pytest.fixture(...)`` call (the outer call of
    ``pytest.fixture(**options)(f)``): ``memory_profile`` wraps its function argument."""
    scope: str = "function"
    autouse: bool = False
    requests: frozenset[str] = frozenset()
    dynamic_requests: bool = False
    """``request.getfixturevalue(<not a literal>)``: what it needs cannot be known statically."""
    factory: bool = False

    @property
    def is_async(self) -> bool:
        return self.function is not None and self.function.asynchronous is not None


def find_fixtures(
    node: cst.BaseStatement, code: str, qualify: Qualify, factories: frozenset[str]
) -> tuple[Fixture, ...]:
    """Every fixture that the top-level statement ``node`` (source ``code``) binds."""
    if "fixture" not in code and not factories:
        return ()
    scan_values = "getfixturevalue" in code
    return tuple(
        fixture
        for statement in _module_level_statements(node)
        if (fixture := _fixture_of(statement, qualify, factories, scan_values)) is not None
    )


def returns_fixture(function: cst.FunctionDef, qualify: Qualify) -> bool:
    """Whether ``function`` builds fixtures (a fixture factory called at module level)."""
    for found in _find(function.body, (cst.Decorator, cst.Call)):
        if isinstance(found, cst.Decorator) and is_fixture_decorator(found.decorator, qualify):
            return True
        if isinstance(found, cst.Call) and _is_fixture_call(found, qualify):
            return True
    return False


def _find(node: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...]) -> list[cst.CSTNode]:
    """Every node of one of ``kinds`` under ``node`` (libcst.matchers costs 0.3 s to import)."""
    found: list[cst.CSTNode] = []

    class _Collector(cst.CSTVisitor):
        def on_visit(self, child: cst.CSTNode) -> bool:
            if isinstance(child, kinds):
                found.append(child)
            return True

    node.visit(_Collector())
    return found


def _module_level_statements(node: cst.BaseStatement) -> Iterator[cst.BaseStatement]:
    """``node`` itself, or the statements of its ``if``/``try``/``with`` bodies, recursively."""
    yield node
    for block in _blocks(node):
        for statement in block:
            yield from _module_level_statements(statement)


def _blocks(node: cst.BaseStatement) -> Iterator[Sequence[cst.BaseStatement]]:
    """The statement blocks of an ``if``/``try``/``with`` whose statements run at import time."""
    if isinstance(node, cst.If):
        yield _statements_of(node.body)
        if isinstance(node.orelse, cst.If):
            yield from _blocks(node.orelse)
        elif node.orelse is not None:
            yield _statements_of(node.orelse.body)
    elif isinstance(node, cst.Try):
        yield _statements_of(node.body)
        for handler in node.handlers:
            yield _statements_of(handler.body)
        for clause in (node.orelse, node.finalbody):
            if clause is not None:
                yield _statements_of(clause.body)
    elif isinstance(node, cst.With):
        yield _statements_of(node.body)


def _statements_of(suite: cst.BaseSuite) -> Sequence[cst.BaseStatement]:
    """Statements of an indented block (a one-line suite holds only small statements)."""
    return suite.body if isinstance(suite, cst.IndentedBlock) else ()


def _fixture_of(
    statement: cst.BaseStatement, qualify: Qualify, factories: frozenset[str], scan_values: bool
) -> Fixture | None:
    if isinstance(statement, cst.FunctionDef):
        return _decorated_fixture(statement, qualify, scan_values)
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        part = statement.body[0]
        if isinstance(part, cst.Assign) and len(part.targets) == 1:
            target = part.targets[0].target
            if isinstance(target, cst.Name) and isinstance(part.value, cst.Call):
                return _assigned_fixture(target.value, part.value, qualify, factories)
    return None


def _decorated_fixture(
    function: cst.FunctionDef, qualify: Qualify, scan_values: bool
) -> Fixture | None:
    decorator = next(
        (d for d in function.decorators if is_fixture_decorator(d.decorator, qualify)), None
    )
    if decorator is None:
        return None
    options = _options(decorator.decorator)
    requests = _argument_requests(function) | _usefixtures(function, qualify)
    literals, dynamic = (
        _getfixturevalue_requests(function, options.get("params"))
        if scan_values
        else (frozenset(), False)
    )
    return Fixture(
        name=_literal(options.get("name")) or function.name.value,
        binding=function.name.value,
        function=function,
        decorator=decorator,
        scope=_literal(options.get("scope")) or "function",
        autouse=_truthy(options.get("autouse")),
        requests=requests | literals,
        dynamic_requests=dynamic,
    )


def _assigned_fixture(
    binding: str, call: cst.Call, qualify: Qualify, factories: frozenset[str]
) -> Fixture | None:
    """``x = pytest.fixture(f)``, ``x = pytest.fixture(scope=...)(f)`` or ``x = factory(...)``."""
    if _is_fixture_call(call, qualify):
        options = _options(call.func) if isinstance(call.func, cst.Call) else _options(call)
        return Fixture(
            name=_literal(options.get("name")) or binding,
            binding=binding,
            function=None,
            call=call,
            scope=_literal(options.get("scope")) or "function",
            autouse=_truthy(options.get("autouse")),
        )
    if isinstance(call.func, cst.Name) and call.func.value in factories:
        return Fixture(name=binding, binding=binding, function=None, factory=True)
    return None


def is_fixture_decorator(expression: cst.BaseExpression, qualify: Qualify) -> bool:
    """``@pytest.fixture`` or ``@pytest.fixture(...)`` in any spelling."""
    callee = expression.func if isinstance(expression, cst.Call) else expression
    return bool(qualify(callee) & FIXTURE_DECORATORS)


def fixture_function_argument(call: cst.Call) -> cst.Arg | None:
    """The function argument of ``pytest.fixture(f, ...)`` or ``pytest.fixture(...)(f)``.

    ``None`` when the call passes no function (``pytest.fixture(scope=...)`` alone).
    """
    if isinstance(call.func, cst.Call):
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        return positional[0] if len(positional) == 1 and len(call.args) == 1 else None
    for arg in call.args:
        if arg.star:
            return None
        if arg.keyword is None or arg.keyword.value == "fixture_function":
            return arg
    return None


def _is_fixture_call(call: cst.Call, qualify: Qualify) -> bool:
    """``pytest.fixture(f)`` or ``pytest.fixture(**options)(f)``."""
    callee = call.func.func if isinstance(call.func, cst.Call) else call.func
    return bool(qualify(callee) & FIXTURE_DECORATORS)


def _options(expression: cst.BaseExpression) -> dict[str, cst.BaseExpression]:
    if not isinstance(expression, cst.Call):
        return {}
    return {arg.keyword.value: arg.value for arg in expression.args if arg.keyword is not None}


def _literal(value: cst.BaseExpression | None) -> str | None:
    if isinstance(value, cst.SimpleString):
        evaluated = value.evaluated_value
        return evaluated if isinstance(evaluated, str) else None
    return None


def _truthy(value: cst.BaseExpression | None) -> bool:
    return isinstance(value, cst.Name) and value.value == "True"


def _argument_requests(function: cst.FunctionDef) -> frozenset[str]:
    """Arguments pytest fills with fixtures: those without a default value."""
    params = function.params
    positional = [*params.posonly_params, *params.params, *params.kwonly_params]
    return frozenset(param.name.value for param in positional if param.default is None)


def _usefixtures(function: cst.FunctionDef, qualify: Qualify) -> frozenset[str]:
    names: set[str] = set()
    for decorator in function.decorators:
        expression = decorator.decorator
        if isinstance(expression, cst.Call) and qualify(expression.func) & USEFIXTURES:
            names.update(filter(None, (_literal(arg.value) for arg in expression.args)))
    return frozenset(names)


def _getfixturevalue_requests(
    function: cst.FunctionDef, params: cst.BaseExpression | None
) -> tuple[frozenset[str], bool]:
    """Names passed to ``getfixturevalue`` and whether any name cannot be known statically.

    ``request.getfixturevalue(request.param)`` asks for one of the fixture's ``params``, which
    are known when they are a literal list of strings.
    """
    literals: set[str] = set()
    dynamic = False
    for call in _find(function.body, (cst.Call,)):
        assert isinstance(call, cst.Call)
        if not (isinstance(call.func, cst.Attribute) and call.func.attr.value == "getfixturevalue"):
            continue
        argument = call.args[0].value if call.args else None
        name = _literal(argument)
        if name is not None:
            literals.add(name)
        elif _is_request_param(argument) and (names := _literal_strings(params)) is not None:
            literals.update(names)
        else:
            dynamic = True
    return frozenset(literals), dynamic


def _is_request_param(expression: cst.BaseExpression | None) -> bool:
    return isinstance(expression, cst.Attribute) and expression.attr.value == "param"


def _literal_strings(expression: cst.BaseExpression | None) -> list[str] | None:
    """The strings of a literal list or tuple of strings, or ``None`` if it is anything else."""
    if not isinstance(expression, cst.List | cst.Tuple):
        return None
    names = [_literal(element.value) for element in expression.elements]
    return None if None in names else [name for name in names if name is not None]
