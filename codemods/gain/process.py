"""One whole process, measured as a user would feel it: wall time and peak resident memory.

Peak RSS comes from ``os.wait4`` (the kernel's high-water mark of the process, which a poll
from outside would miss), so measuring needs a POSIX system; elsewhere ``can_measure`` is false
and the summary gives the static estimate instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProcessCost:
    seconds: float
    peak_rss_mb: float
    returncode: int


def can_measure() -> bool:
    return hasattr(os, "wait4")


def run_measured(command: Sequence[str], cwd: Path, env: Mapping[str, str]) -> ProcessCost:
    """Run ``command`` to completion, its output discarded (printing is not what is measured)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # Linux reports kilobytes, macOS bytes.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return ProcessCost(seconds, usage.ru_maxrss / scale, process.returncode)
