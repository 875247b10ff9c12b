"""Failures inside decorated fixtures must end each test as they would undecorated."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio
from conftest import memory_profile


@pytest.fixture
@memory_profile("Fails in setup.", "LOW")
def setup_error() -> None:
    raise ValueError("setup failed on purpose")


@pytest.fixture
@memory_profile("Fails in teardown.", "LOW")
def teardown_error() -> Iterator[int]:
    yield 1
    raise RuntimeError("teardown failed on purpose")


@pytest.fixture
@memory_profile("Returns before its yield.", "LOW")
def no_yield(request: pytest.FixtureRequest) -> Iterator[int]:
    if request.fixturename:
        return
    yield 1


@pytest.fixture
@memory_profile("Yields twice.", "LOW")
def two_yields() -> Iterator[int]:
    yield 1
    yield 2


@pytest.fixture
@memory_profile("Skips the test.", "LOW")
def skipping() -> None:
    pytest.skip("skipped by a fixture")


@pytest_asyncio.fixture
@memory_profile("Fails while awaiting.", "LOW")
async def async_setup_error() -> None:
    await asyncio.sleep(0)
    raise ValueError("async setup failed on purpose")


@pytest_asyncio.fixture
@memory_profile("Yields twice, asynchronously.", "LOW")
async def agen_two_yields() -> AsyncIterator[int]:
    yield 1
    yield 2


@pytest_asyncio.fixture
@memory_profile("Fails in its async teardown.", "LOW")
async def agen_teardown_error() -> AsyncIterator[int]:
    yield 1
    raise RuntimeError("async teardown failed on purpose")


def test_setup_error(setup_error: None) -> None:
    pass


def test_teardown_error(teardown_error: int) -> None:
    assert teardown_error == 1


def test_no_yield(no_yield: int) -> None:
    pass


def test_two_yields(two_yields: int) -> None:
    assert two_yields == 1


def test_skipping(skipping: None) -> None:
    pass


def test_fails(plain_fix: str) -> None:
    assert plain_fix == "something else"


@pytest.mark.xfail(reason="fails on purpose")
def test_xfail(gen_fix: str) -> None:
    assert gen_fix == "something else"


@pytest.mark.asyncio
async def test_async_setup_error(async_setup_error: None) -> None:
    pass


@pytest.mark.asyncio
async def test_agen_two_yields(agen_two_yields: int) -> None:
    assert agen_two_yields == 1


@pytest.mark.asyncio
async def test_agen_teardown_error(agen_teardown_error: int) -> None:
    assert agen_teardown_error == 1
