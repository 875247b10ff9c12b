"""Every fixture shape ``@memory_profile`` must leave working, each decorated as migrate does.

``KINDS_UNDECORATED=1`` gives the same suite undecorated: the outcomes to compare with.
"""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from codemods.runtime.plugin import Impact, memory_profile

if os.environ.get("KINDS_UNDECORATED") == "1":
    # The baseline: the same suite with a decorator that changes nothing.
    def memory_profile(description: str, impact: object = "LOW") -> Callable[[Any], Any]:
        return lambda fn: fn


ORDER: list[str] = []
ASYNC_EVENTS: list[str] = []
AUTO: list[str] = []
CALLS: list[str] = []
SESSION_SETUPS: list[int] = []


def logged(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Another decorator in the stack, written the usual way."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        CALLS.append(fn.__name__)
        return fn(*args, **kwargs)

    return wrapper


@pytest.fixture
@memory_profile("A plain value that needs other fixtures.", "MINIMAL")
def plain_fix(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return f"{request.fixturename}:{tmp_path.is_dir()}"


@pytest.fixture
@memory_profile("A generator with a teardown.", "LOW")
def gen_fix() -> Iterator[str]:
    ORDER.append("gen_fix setup")
    yield "gen"
    ORDER.append("gen_fix teardown")


@pytest.fixture
@memory_profile("Depends on two decorated fixtures.", "LOW")
def dependent_fix(gen_fix: str, plain_fix: str) -> Iterator[str]:
    ORDER.append("dependent_fix setup")
    yield f"{gen_fix}+{plain_fix}"
    ORDER.append("dependent_fix teardown")


@pytest_asyncio.fixture
@memory_profile("Awaits its value.", "MINIMAL")
async def async_fix() -> str:
    await asyncio.sleep(0)
    return "async"


@pytest_asyncio.fixture
@memory_profile("Async setup and teardown.", "LOW")
async def agen_fix(async_fix: str) -> AsyncIterator[str]:
    ASYNC_EVENTS.append("agen setup")
    await asyncio.sleep(0)
    yield f"agen+{async_fix}"
    await asyncio.sleep(0)
    ASYNC_EVENTS.append("agen teardown")


@pytest.fixture(params=[1, "two", pytest.param(3, id="three")])
@memory_profile("One of three params.", "LOW")
def param_fix(request: pytest.FixtureRequest) -> object:
    return request.param


@pytest.fixture(scope="module", params=["a", "b"], ids=["first", "second"])
@memory_profile("A module-wide param.", "LOW")
def module_param_fix(request: pytest.FixtureRequest) -> Iterator[str]:
    yield str(request.param) * 2


@pytest.fixture(name="aliased")
@memory_profile("Reached by its alias.", "LOW")
def _aliased_impl() -> str:
    return "aliased"


@pytest.fixture(autouse=True)
@memory_profile("Runs for every test.", "MINIMAL")
def auto_fix(request: pytest.FixtureRequest) -> Iterator[None]:
    AUTO.append(request.node.name)
    yield


@pytest.fixture(scope="session")
@memory_profile("Built once per run.", "MEDIUM")
def session_fix() -> Iterator[dict[str, int]]:
    SESSION_SETUPS.append(1)
    yield {"setups": len(SESSION_SETUPS)}


def assigned_fix() -> str:
    return "assigned"


assigned_fix = pytest.fixture(memory_profile("Made by assignment.", Impact.LOW)(assigned_fix))


@pytest.fixture
@memory_profile("Another decorator below ours.", "LOW")
@logged
def stacked_fix() -> str:
    return "stacked"


@pytest.fixture
@logged
@memory_profile("Another decorator above ours.", "LOW")
def stacked_outer(stacked_fix: str) -> str:
    # Plain on purpose: ``logged`` returns whatever it wraps returns, so above a generator
    # it would hand pytest the generator object, with or without us.
    return f"outer+{stacked_fix}"


@pytest.fixture
@memory_profile("Asks for a fixture by name at run time.", "LOW")
def dynamic_fix(request: pytest.FixtureRequest) -> str:
    return f"{request.getfixturevalue('gen_fix')}!"
