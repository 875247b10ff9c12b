"""Reading memory: the process's RSS now and at its peak, and nested tracemalloc peaks.

Only the standard library; ``tracemalloc`` (it imports pickle) is imported where it is used,
so a run with measuring off does not pay for it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["MB", "RssReader", "Tracer", "current_rss_mb", "peak_rss_bytes"]

MB = 1024 * 1024
"""MB means 2**20 bytes throughout the plugin."""


def _page_size() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return 4096


_PAGE_SIZE = _page_size()


def _maxrss_bytes() -> int:
    """The process's RSS high-water mark from ``getrusage``, where there is no /proc."""
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def peak_rss_bytes() -> int:
    """The process's RSS high-water mark.

    ``VmHWM`` first: ``ru_maxrss`` survives ``exec`` on Linux, so a pytest started by a big
    parent would report the parent's peak as its own.
    """
    try:
        with Path("/proc/self/status").open("rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return _maxrss_bytes()


class RssReader:
    """Current RSS through one open ``/proc/self/statm`` (about 2 us a read).

    Without /proc (macOS, Windows) it falls back to the high-water mark, so growth then
    means "the peak rose by".
    """

    def __init__(self) -> None:
        self._fd = -1
        try:
            self._fd = os.open("/proc/self/statm", os.O_RDONLY)
        except (OSError, AttributeError):
            self._fd = -1

    def read(self) -> int:
        if self._fd >= 0:
            try:
                return int(os.pread(self._fd, 128, 0).split()[1]) * _PAGE_SIZE
            except (OSError, ValueError, IndexError, AttributeError):
                pass
        return peak_rss_bytes()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def current_rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    reader = RssReader()
    try:
        return reader.read() / MB
    finally:
        reader.close()


class Tracer:
    """tracemalloc peaks for nested measurements.

    tracemalloc has one global peak. A fixture body that calls ``getfixturevalue`` measures
    another fixture inside its own measurement; resetting the peak for the inner one must
    not lose the outer one's, so each open measurement keeps its running maximum here.
    """

    def __init__(self) -> None:
        self._running: list[int] = []

    def begin(self) -> tuple[int, int]:
        import tracemalloc

        current, peak = tracemalloc.get_traced_memory()
        if self._running:
            self._running[-1] = max(self._running[-1], peak)
        tracemalloc.reset_peak()
        self._running.append(current)
        return len(self._running) - 1, current

    def end(self, token: tuple[int, int]) -> tuple[int, int]:
        """``(net, peak)`` in bytes since ``begin`` returned ``token``."""
        import tracemalloc

        depth, start = token
        current, peak = tracemalloc.get_traced_memory()
        top = max([peak, *self._running[depth:]]) if len(self._running) > depth else peak
        del self._running[depth:]
        if self._running:
            self._running[-1] = max(self._running[-1], top)
        return current - start, top - start
