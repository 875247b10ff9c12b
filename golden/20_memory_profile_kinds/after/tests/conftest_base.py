# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""One fixture of every kind @memory_profile must leave working, in every spelling."""

from conftest_codemods_runtime import memory_profile

import asyncio
import functools

import pytest
import pytest_asyncio
from pytest import fixture

# Setups and teardowns append here; later tests read it to check the order.
EVENTS = []
SESSION_SETUPS = []


def logged(fn):
    """Another decorator in the stack, written the usual way."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        EVENTS.append(f"logged:{fn.__name__}")
        return fn(*args, **kwargs)

    return wrapper


# ---- decorated fixtures ---------------------------------------------------------


@pytest.fixture
@memory_profile("events", "MINIMAL")
def events():
    return EVENTS


@pytest.fixture
@memory_profile("A plain value.", "MINIMAL")
def plain_value():
    """A plain value."""
    return 41 + 1


@pytest.fixture
@memory_profile("generator value", "MINIMAL")
def generator_value():
    EVENTS.append("generator_value:setup")
    yield "gen"
    EVENTS.append("generator_value:teardown")


@pytest_asyncio.fixture
@memory_profile("coroutine value", "MINIMAL")
async def coroutine_value():
    await asyncio.sleep(0)
    return "coro"


@pytest_asyncio.fixture
@memory_profile("async generator value", "MINIMAL")
async def async_generator_value(coroutine_value):
    EVENTS.append("async_generator_value:setup")
    await asyncio.sleep(0)
    yield f"agen+{coroutine_value}"
    await asyncio.sleep(0)
    EVENTS.append("async_generator_value:teardown")


@pytest.fixture(params=[1, "two", pytest.param(3, id="three")])
@memory_profile("param value", "MINIMAL")
def param_value(request):
    return request.param


@pytest.fixture(name="aliased")
@memory_profile("aliased", "MINIMAL")
def _aliased_impl():
    return "aliased"


@pytest.fixture(autouse=True)
@memory_profile("count tests", "MINIMAL")
def count_tests(request):
    EVENTS.append(f"test:{request.node.name}")
    yield


@pytest.fixture(scope="session")
@memory_profile("session value", "LOW")
def session_value():
    SESSION_SETUPS.append(1)
    return {"setups": len(SESSION_SETUPS)}


@pytest.fixture
@memory_profile("dependent value", "MINIMAL")
def dependent_value(plain_value, generator_value, aliased, session_value):
    return f"{plain_value}:{generator_value}:{aliased}:{session_value['setups']}"


@pytest.fixture
@memory_profile("stacked value", "MINIMAL")
@logged
def stacked_value(plain_value):
    return plain_value * 2


# ---- fixtures made by assignment --------------------------------------------------


def _make_assigned():
    """A value built without a decorator."""
    return "assigned"


def _session_resource():
    SESSION_SETUPS.append("resource")
    EVENTS.append("session_resource:setup")
    yield {"open": True}
    EVENTS.append("session_resource:teardown")


def _aliased_by_assignment(request):
    return request.fixturename


def _spelled():
    return "spelled"


async def _async_assigned():
    await asyncio.sleep(0)
    yield "async-assigned"


assigned = pytest.fixture(
    memory_profile("A value built without a decorator.", "MINIMAL")(_make_assigned)
)  # named after the attribute
session_resource = pytest.fixture(scope="session")(
    memory_profile("session resource", "LOW")(_session_resource)
)
unused_binding = pytest.fixture(
    memory_profile("alias by assignment", "MINIMAL")(_aliased_by_assignment),
    name="alias_by_assignment",
)
spelled = fixture(memory_profile("spelled", "MINIMAL")(_spelled))
async_assigned = pytest_asyncio.fixture(
    memory_profile("async assigned", "MINIMAL")(_async_assigned)
)
