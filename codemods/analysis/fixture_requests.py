"""What the tests of one module request, read statically with ``ast`` (no libcst: a suite has
many test modules and only the requests matter).

pytest gives a test every fixture named by its arguments (less direct ``parametrize`` names),
by ``@pytest.mark.usefixtures`` on it, its class or the module's ``pytestmark``, by an
indirect ``parametrize`` and by ``request.getfixturevalue("name")`` in its body; the fixtures
of its classes and of its module (autouse ones for every test there) sit between the test and
the conftests. ``codemods.analysis.fixture_usage`` resolves these requests.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from codemods.analysis.external_uses import is_getfixturevalue
from codemods.analysis.fixtures import FIXTURE_DECORATORS
from codemods.analysis.import_time import import_aliases, qualified_name

_MARK = "pytest.mark."
_FunctionDef = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Request:
    """One fixture a test asks for, and where in the test module it asks."""

    name: str
    line: int
    col: int


@dataclass(frozen=True)
class ModuleFixture:
    """A fixture defined in a test module, a test class or a conftest."""

    requests: frozenset[str]
    autouse: bool
    line: int
    col: int


@dataclass(frozen=True)
class RequestingTest:
    """A test function or method, with its markers and every fixture it requests itself."""

    name: str
    markers: frozenset[str]
    """Markers of the test, its classes and the module (``pytest.mark.NAME``)."""
    requests: tuple[Request, ...]
    classes: tuple[str, ...] = ()
    """The ``Test*`` classes holding a method, outermost first."""
    class_fixtures: tuple[Mapping[str, ModuleFixture], ...] = ()
    """The fixtures defined in those classes, innermost first (they override the module's)."""

    @property
    def qualname(self) -> str:
        """``TestCart::test_total``, as in a pytest node id."""
        return "::".join((*self.classes, self.name))


@dataclass(frozen=True)
class RequestingModule:
    """The tests of one module and the fixtures it defines."""

    tests: tuple[RequestingTest, ...]
    fixtures: Mapping[str, ModuleFixture]
    """Fixtures defined in the module; they override the conftests' for its tests."""


def read_requests(tree: ast.Module, *, lookups: bool = True) -> RequestingModule:
    """The tests (``test*`` functions, ``test*`` methods of ``Test*`` classes) and fixtures.

    ``lookups=False`` skips the search for ``getfixturevalue`` calls in every function body
    (most of the reading time), for a module whose text never mentions it.
    """
    reader = _Reader(import_aliases(tree), lookups)
    fixtures = dict(reader.fixtures(tree.body))
    module_marks = reader.pytestmark(tree.body)
    tests = [
        reader.test(node, module_marks, method=False)
        for node in tree.body
        if isinstance(node, _FunctionDef) and node.name.startswith("test")
    ]
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            tests.extend(reader.test_class(node, module_marks, (), ()))
    return RequestingModule(tuple(tests), fixtures)


class _Reader:
    def __init__(self, aliases: Mapping[str, str], lookups: bool) -> None:
        self.aliases = aliases
        self.lookups = lookups

    def fixture_values(self, node: _FunctionDef) -> Iterator[Request]:
        return _fixture_values(node) if self.lookups else iter(())

    def _name(self, node: ast.expr) -> str:
        target = node.func if isinstance(node, ast.Call) else node
        return qualified_name(target, self.aliases) or ""

    def pytestmark(self, body: Iterable[ast.stmt]) -> list[ast.expr]:
        """The marks of a ``pytestmark = mark`` or ``pytestmark = [marks]`` assignment."""
        for node in body:
            if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "pytestmark"
                for target in node.targets
            ):
                value = node.value
                return list(value.elts) if isinstance(value, ast.List | ast.Tuple) else [value]
        return []

    def fixtures(
        self, body: Iterable[ast.stmt], *, method: bool = False
    ) -> Iterator[tuple[str, ModuleFixture]]:
        """The fixtures defined in a module's or (``method``) a class's body."""
        for node in body:
            if not isinstance(node, _FunctionDef):
                continue
            for decorator in node.decorator_list:
                if self._name(decorator) in FIXTURE_DECORATORS:
                    name = _keyword(decorator, "name")
                    autouse = _keyword(decorator, "autouse") is True
                    requests = {r.name for r in self._arguments(node, method=method, direct=())}
                    requests |= {r.name for r in self.fixture_values(node)}
                    fixture = ModuleFixture(
                        frozenset(requests), autouse, node.lineno, node.col_offset + 1
                    )
                    yield (name if isinstance(name, str) else node.name), fixture

    def test_class(
        self,
        node: ast.ClassDef,
        marks: list[ast.expr],
        outer: tuple[str, ...],
        outer_fixtures: tuple[Mapping[str, ModuleFixture], ...],
    ) -> Iterator[RequestingTest]:
        """The test methods of a ``Test*`` class and of the ``Test*`` classes nested in it."""
        if not node.name.startswith("Test"):
            return
        marks = [*marks, *node.decorator_list, *self.pytestmark(node.body)]
        classes = (*outer, node.name)
        scopes = (dict(self.fixtures(node.body, method=True)), *outer_fixtures)
        for item in node.body:
            if isinstance(item, _FunctionDef) and item.name.startswith("test"):
                test = self.test(item, marks, method=True)
                yield RequestingTest(test.name, test.markers, test.requests, classes, scopes)
            elif isinstance(item, ast.ClassDef):
                yield from self.test_class(item, marks, classes, scopes)

    def test(self, node: _FunctionDef, marks: list[ast.expr], *, method: bool) -> RequestingTest:
        marks = [*marks, *node.decorator_list]
        names = {self._name(mark) for mark in marks}
        markers = frozenset(name.removeprefix(_MARK) for name in names if name.startswith(_MARK))
        direct: set[str] = set()
        requests: list[Request] = []
        for mark in marks:
            kind = self._name(mark).removeprefix(_MARK)
            if kind == "usefixtures" and isinstance(mark, ast.Call):
                requests.extend(_string_requests(mark.args))
            elif kind == "parametrize" and isinstance(mark, ast.Call) and mark.args:
                indirect, plain = _parametrized(mark)
                requests.extend(indirect)
                direct |= plain
        requests.extend(self._arguments(node, method=method, direct=direct))
        requests.extend(self.fixture_values(node))
        return RequestingTest(node.name, markers, tuple(requests))

    @staticmethod
    def _arguments(node: _FunctionDef, *, method: bool, direct: Iterable[str]) -> Iterator[Request]:
        """Arguments without defaults (what pytest fills with fixtures), less ``self``."""
        arguments = node.args
        positional = [*arguments.posonlyargs, *arguments.args]
        positional = positional[: len(positional) - len(arguments.defaults)]
        keyword = [
            a for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d is None
        ]
        for argument in positional[1:] if method else positional:
            if argument.arg not in direct:
                yield Request(argument.arg, argument.lineno, argument.col_offset + 1)
        for argument in keyword:
            if argument.arg not in direct:
                yield Request(argument.arg, argument.lineno, argument.col_offset + 1)


def _parametrized(mark: ast.Call) -> tuple[list[Request], set[str]]:
    """(names parametrized indirectly, as requests; names parametrized directly)."""
    first = mark.args[0]
    names = _argnames(first)
    indirect = _keyword(mark, "indirect")
    if indirect is True:
        chosen = set(names)
    elif isinstance(indirect, list):
        chosen = {name for name in indirect if isinstance(name, str)}
    else:
        chosen = set()
    where = (first.lineno, first.col_offset + 1)
    return [Request(name, *where) for name in names if name in chosen], set(names) - chosen


def _argnames(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [name.strip() for name in node.value.split(",") if name.strip()]
    if isinstance(node, ast.List | ast.Tuple):
        return [
            e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
    return []


def _keyword(call: ast.expr, name: str) -> object:
    """The literal value of keyword ``name`` of ``call`` (``None`` when absent or computed)."""
    if not isinstance(call, ast.Call):
        return None
    for keyword in call.keywords:
        if keyword.arg == name:
            try:
                return ast.literal_eval(keyword.value)
            except (ValueError, TypeError, SyntaxError):
                return None
    return None


def _string_requests(nodes: Iterable[ast.expr]) -> Iterator[Request]:
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield Request(node.value, node.lineno, node.col_offset + 1)


def _fixture_values(node: _FunctionDef) -> Iterator[Request]:
    """``request.getfixturevalue("literal")`` anywhere in the function body."""
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and is_getfixturevalue(child):
            first = child.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield Request(first.value, child.lineno, child.col_offset + 1)
