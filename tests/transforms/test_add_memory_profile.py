"""``AddMemoryProfileTransform``: the decorator goes right under ``@pytest.fixture``, once."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.analysis.fixtures import module_fixtures
from codemods.analysis.model import build_model
from codemods.plan.planner import PlanInputs, plan_split
from codemods.plan.profiles import plan_profiles
from codemods.transforms.add_memory_profile import AddMemoryProfileTransform

SOURCE = '''\
import functools
import sqlite3
from unittest import mock

import pytest
import pytest_asyncio
from pytest import fixture as fx


@pytest.fixture
def plain():
    """A plain value for tests."""
    return 1


@pytest.fixture(scope="session", name="db")  # the real database
def _database():
    yield sqlite3.connect(":memory:")


@functools.lru_cache
@fx(params=[1, 2])
@other.decorator
def param_fixture(request):
    return request.param


@pytest_asyncio.fixture
async def mock_async_client():
    yield mock.AsyncMock()


def helper():
    return 2
'''

EXPECTED = '''\
import functools
import sqlite3
from unittest import mock

import pytest
import pytest_asyncio
from pytest import fixture as fx


@pytest.fixture
@memory_profile("A plain value for tests.", "MINIMAL")
def plain():
    """A plain value for tests."""
    return 1


@pytest.fixture(scope="session", name="db")  # the real database
@memory_profile("db", "HIGH")
def _database():
    yield sqlite3.connect(":memory:")


@functools.lru_cache
@fx(params=[1, 2])
@memory_profile("param fixture", "MINIMAL")
@other.decorator
def param_fixture(request):
    return request.param


@pytest_asyncio.fixture
@memory_profile("mock async client", "LOW")
async def mock_async_client():
    yield mock.AsyncMock()


def helper():
    return 2
'''


def decorate(source: str) -> tuple[str, int]:
    module = cst.parse_module(source)
    tree = ast.parse(source)
    model = build_model(module, tree, source, module_fixtures(tree, source))
    plan = plan_split(model, PlanInputs())
    transform = AddMemoryProfileTransform(plan_profiles(plan))
    return module.visit(transform).code, transform.added


def test_every_fixture_spelling_is_decorated_under_its_fixture_decorator() -> None:
    decorated, added = decorate(SOURCE)
    assert decorated == EXPECTED
    assert added == 4


def test_running_on_its_own_output_changes_nothing() -> None:
    decorated, _ = decorate(SOURCE)
    again, added = decorate(decorated)
    assert again == decorated
    assert added == 0


ASSIGNED = '''\
import pytest
from pytest import fixture


def _make_x():
    """Made by hand."""
    return "x-value"


def _rows():
    yield [1, 2]


@memory_profile("already", "LOW")
def _profiled():
    return 3


x = pytest.fixture(_make_x)  # named x
rows = pytest.fixture(scope="session")(_rows)
aliased = pytest.fixture(_make_x, name="alias")
spelled = fixture(
    _make_x,  # keep this comment
    autouse=True,
)
by_keyword = pytest.fixture(fixture_function=_rows, name="kw")
lam = pytest.fixture(lambda: 3)
done = pytest.fixture(_profiled)
marker = pytest.fixture(scope="module")
'''

ASSIGNED_EXPECTED = '''\
import pytest
from pytest import fixture


def _make_x():
    """Made by hand."""
    return "x-value"


def _rows():
    yield [1, 2]


@memory_profile("already", "LOW")
def _profiled():
    return 3


x = pytest.fixture(memory_profile("Made by hand.", "MINIMAL")(_make_x))  # named x
rows = pytest.fixture(scope="session")(memory_profile("rows", "LOW")(_rows))
aliased = pytest.fixture(memory_profile("Made by hand.", "MINIMAL")(_make_x), name="alias")
spelled = fixture(
    memory_profile("Made by hand.", "MINIMAL")(_make_x),  # keep this comment
    autouse=True,
)
by_keyword = pytest.fixture(fixture_function=memory_profile("kw", "MINIMAL")(_rows), name="kw")
lam = pytest.fixture(memory_profile("lam", "MINIMAL")(lambda: 3))
done = pytest.fixture(_profiled)
marker = pytest.fixture(scope="module")
'''


def test_a_fixture_made_by_assignment_gets_its_function_wrapped() -> None:
    decorated, added = decorate(ASSIGNED)
    assert decorated == ASSIGNED_EXPECTED
    assert added == 6
    again, added = decorate(decorated)
    assert (again, added) == (decorated, 0)


def test_an_assignment_counts_the_heavy_imports_of_the_function_it_wraps() -> None:
    source = (
        "import pandas\nimport pytest\n\n\ndef _frame():\n    return pandas.DataFrame()\n\n\n"
        "frame = pytest.fixture(_frame)\nplain = pytest.fixture(lambda: 1)\n"
    )
    decorated, _ = decorate(source)
    assert 'frame = pytest.fixture(memory_profile("frame", "LOW")(_frame))' in decorated
    assert 'plain = pytest.fixture(memory_profile("plain", "MINIMAL")(lambda: 1))' in decorated
