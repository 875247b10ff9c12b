"""Tests whose fixtures' memory the report must attribute within 10 %."""

from __future__ import annotations

import pytest
from conftest import SIZE

from codemods.runtime.plugin import MemoryReporter


def test_light() -> None:
    assert sum(range(10)) == 45


def test_fifty(fifty_mb: int) -> None:
    assert fifty_mb == SIZE


@pytest.mark.asyncio
async def test_fifty_async(fifty_mb_async: int) -> None:
    assert fifty_mb_async == SIZE


def test_reporter_sees_the_fixture(fifty_mb: int, memory_reporter: MemoryReporter) -> None:
    snapshot = memory_reporter.report("with fifty_mb")
    assert snapshot["rss_mb"] > 0
    if not memory_reporter.enabled:
        assert memory_reporter.records == []
        return
    (record,) = [r for r in memory_reporter.for_this_test() if r.fixture == "fifty_mb"]
    assert record.setup is not None
    assert record.teardown is None
    assert 45 <= record.setup.growth_mb <= 55
