"""Fixtures that take a known 50 MiB in setup and give it back in teardown."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio

from codemods.runtime.plugin import memory_profile

SIZE = 50 * 1024 * 1024
PAGE = 4096


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("FAKE_MEMRAY") == "1":
        # What pytest-memray registers under --memray (its Manager), without memray itself.
        config.pluginmanager.register(object(), "memray_manager")


def allocate() -> bytearray:
    """50 MiB, every page written, so RSS holds all of it, not just address space."""
    data = bytearray(SIZE)
    data[::PAGE] = b"\x01" * len(range(0, SIZE, PAGE))
    return data


@pytest.fixture
@memory_profile("Holds 50 MiB until teardown.", "HIGH")
def fifty_mb() -> Iterator[int]:
    data = allocate()
    yield len(data)
    del data


@pytest_asyncio.fixture
@memory_profile("Holds 50 MiB until its async teardown.", "HIGH")
async def fifty_mb_async() -> AsyncIterator[int]:
    await asyncio.sleep(0)
    data = allocate()
    yield len(data)
    await asyncio.sleep(0)
    del data
