"""This process's peak resident memory, as the kernel counts it for this process image alone.

``ru_maxrss`` (``getrusage``, ``wait4``) is not that on Linux: a child started with fork or vfork
keeps its parent's high-water mark across ``exec``, so a pytest started by a 100 MB tool process
reports at least 100 MB whatever it does. ``VmHWM`` in ``/proc/self/status`` belongs to the new
image. Standard library only, and self-contained: ``codemods.gain.process`` runs this very
source inside each measured pytest process, and ``migrate --verify``'s plugin imports it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def peak_rss_mb() -> float | None:
    """Megabytes; ``None`` where neither ``/proc`` nor ``resource`` exists (Windows)."""
    try:
        with Path("/proc/self/status").open(encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # no /proc: macOS, BSD
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
