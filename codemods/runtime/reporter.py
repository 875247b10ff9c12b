"""``MemoryReporter``: live memory figures for a test, through the ``memory_reporter`` fixture."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from codemods.runtime.memory import MB, current_rss_mb, peak_rss_bytes
from codemods.runtime.records import FixtureRecord, rounded

if TYPE_CHECKING:
    from codemods.runtime.controller import Controller

__all__ = ["MemoryReporter"]


class MemoryReporter:
    """Live memory figures for a test, through the ``memory_reporter`` fixture.

    Works with measuring off too (RSS only, no fixture records), so a test can log its own
    memory without depending on how the run was started.
    """

    def __init__(self, controller: Controller | None, nodeid: str) -> None:
        self._controller = controller
        self.nodeid = nodeid
        self.snapshots: list[dict[str, Any]] = []

    @property
    def enabled(self) -> bool:
        """Whether decorated fixtures are being measured in this run."""
        return self._controller is not None and self._controller.recording

    @property
    def backend(self) -> str | None:
        return self._controller.backend if self.enabled and self._controller else None

    def rss_mb(self) -> float:
        if self._controller is not None:
            return self._controller.rss_bytes() / MB
        return current_rss_mb()

    def peak_rss_mb(self) -> float:
        return peak_rss_bytes() / MB

    def traced_mb(self) -> float | None:
        """Memory traced by tracemalloc now, or None when it is not running."""
        import tracemalloc

        if not tracemalloc.is_tracing():
            return None
        return tracemalloc.get_traced_memory()[0] / MB

    def report(self, label: str) -> dict[str, Any]:
        """Take a labelled snapshot; it also goes into the JSON report's ``snapshots``."""
        traced = self.traced_mb()
        snapshot = {
            "test": self.nodeid,
            "label": label,
            "rss_mb": rounded(self.rss_mb()),
            "peak_rss_mb": rounded(self.peak_rss_mb()),
            "traced_mb": None if traced is None else rounded(traced),
        }
        self.snapshots.append(snapshot)
        if self._controller is not None:
            self._controller.snapshots.append(snapshot)
        return snapshot

    @property
    def records(self) -> list[FixtureRecord]:
        """Every decorated fixture call measured so far in this run."""
        return list(self._controller.records) if self._controller else []

    def fixture(self, name: str) -> list[FixtureRecord]:
        return [record for record in self.records if record.fixture == name]

    def for_this_test(self) -> list[FixtureRecord]:
        """Calls made while this test was being set up (wider scopes: first user only)."""
        return [record for record in self.records if record.test == self.nodeid]

    def get_loaded_modules(self) -> list[str]:
        """The conftest layers the generated orchestrator loaded (its
        ``get_loaded_fixture_modules()``), or [] without one."""
        for module in list(sys.modules.values()):
            loaded = getattr(module, "get_loaded_fixture_modules", None)
            if callable(loaded) and getattr(module, "__name__", "").endswith("conftest"):
                return [str(name) for name in cast(Iterable[Any], loaded())]
        return []
