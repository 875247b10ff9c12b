"""Fixture discovery in the ``ast``, and the libcst nodes the model attaches to its findings.

``check`` reads fixtures without libcst, and ``migrate`` edits the nodes the model attaches by
position; both must see the fixtures pytest registers, in the unit libcst holds them in.
"""

from __future__ import annotations

import ast
import textwrap

import libcst as cst
import pytest

from codemods.analysis.fixtures import Fixture, import_bindings, module_fixtures, qualifier
from codemods.analysis.model import build_model


def found(source: str) -> dict[int, list[Fixture]]:
    """Unit index -> the fixtures ``module_fixtures`` finds there (units without any left out)."""
    source = textwrap.dedent(source)
    facts = module_fixtures(ast.parse(source), source)
    return {unit.index: list(unit.fixtures) for unit in facts.units if unit.fixtures}


def names(source: str) -> dict[int, list[str]]:
    return {index: [f.name for f in fixtures] for index, fixtures in found(source).items()}


def test_qualified_names_follow_import_aliases() -> None:
    tree = ast.parse(
        "import _pytest.fixtures\nfrom pytest import fixture as fx\nimport pytest_asyncio\n"
    )
    qualify = qualifier(import_bindings(tree))
    expressions = [
        ast.parse(text, mode="eval").body
        for text in ("_pytest.fixtures.fixture", "fx", "pytest_asyncio.fixture", "unknown.x")
    ]
    assert [set(qualify(e)) for e in expressions] == [
        {"_pytest.fixtures.fixture"},
        {"pytest.fixture"},
        {"pytest_asyncio.fixture"},
        set(),
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("def plain():\n    pass\n", {}, id="undecorated function"),
        pytest.param(
            "from pytest import fixture as fx\n\n@fx\ndef db():\n    pass\n",
            {1: ["db"]},
            id="aliased import, no 'fixture' in the unit",
        ),
        pytest.param(
            """\
            import pytest
            try:
                @pytest.fixture
                def db():
                    pass
            except ImportError:
                db = pytest.fixture(lambda: None)
            """,
            {1: ["db", "db"]},
            id="try block and its handler",
        ),
        pytest.param(
            """\
            import pytest
            if A:
                pass
            elif B:
                first = pytest.fixture(f)
            else:
                if C:
                    second = pytest.fixture(f)
            with ctx():
                third = pytest.fixture(f)
            """,
            {1: ["first", "second"], 2: ["third"]},
            id="elif, else and with blocks",
        ),
        pytest.param(
            "import pytest\nif x: one_line = pytest.fixture(f)\n",
            {},
            id="one-line suite is not entered",
        ),
        pytest.param(
            "import pytest\nshared = pytest.fixture(f); other = 1\nalone = pytest.fixture(f);\n",
            {2: ["alone"]},
            id="a statement sharing its line with ';' is not an assignment fixture",
        ),
        pytest.param(
            "import pytest\n\ndef make():\n    return pytest.fixture(lambda: 1)\n\nmade = make()\n",
            {2: ["made"]},
            id="fixture factory",
        ),
    ],
)
def test_fixtures_are_found_where_pytest_registers_them(
    source: str, expected: dict[int, list[str]]
) -> None:
    assert names(source) == expected


def test_options_requests_and_async_are_read() -> None:
    [[fixture]] = found(
        """\
        import pytest_asyncio
        import pytest

        @pytest.mark.usefixtures("marked")
        @(
            pytest_asyncio.fixture
        )(scope="session", autouse=True, name="renamed", params=["x", "y"])
        async def original(request, argument, /, other, defaulted=1, *, keyword, kw_default=2):
            request.getfixturevalue("literal")
            request.getfixturevalue(request.param)
        """
    ).values()
    assert fixture == Fixture(
        name="renamed",
        binding="original",
        scope="session",
        autouse=True,
        requests=frozenset(
            {"request", "argument", "other", "keyword", "marked", "literal", "x", "y"}
        ),
        parametrized=True,
        is_async=True,
        decorator_index=1,
    )


def test_a_computed_name_or_request_is_not_read_as_a_literal() -> None:
    [[fixture]] = found(
        """\
        import pytest

        @pytest.fixture(name="a" "b", scope=SCOPE)
        def f(request):
            request.getfixturevalue(NAME)
        """
    ).values()
    assert (fixture.name, fixture.scope, fixture.dynamic_requests) == ("f", "function", True)


def test_unit_lines_start_at_the_first_decorator() -> None:
    source = "import pytest\n\n\n@(\n    pytest.fixture\n)\ndef f():\n    pass\n"
    lines = [unit.line for unit in module_fixtures(ast.parse(source), source).units]
    assert lines == [1, 4]


def test_the_model_attaches_the_nodes_that_define_each_fixture() -> None:
    source = textwrap.dedent(
        """\
        import pytest
        try:
            pass
        except ImportError:
            x = 1; y = 2
            @other
            @pytest.fixture
            def db():
                pass
            made = pytest.fixture(scope="module")(f)
        """
    )
    module = cst.parse_module(source)
    tree = ast.parse(source)
    model = build_model(module, tree, source, module_fixtures(tree, source))
    db, made = model.units[1].fixtures
    handler = model.units[1].node
    assert isinstance(handler, cst.Try)
    body = handler.handlers[0].body.body
    assert db.function is body[1]
    assert db.decorator is body[1].decorators[1]
    assert isinstance(body[2], cst.SimpleStatementLine)
    assert isinstance(assignment := body[2].body[0], cst.Assign)
    assert made.call is assignment.value
