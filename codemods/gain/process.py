"""One whole pytest process, measured as a user would feel it: wall time and peak memory.

The wall time is taken from outside, from start to exit. The peak resident memory is reported
by the process itself when it exits (``codemods.verify.peak``, whose source runs in it ahead of
``pytest``'s own ``__main__``), because the kernel's figure for a child (``wait4``) starts at
the parent's own peak on Linux, and this parent has libcst and black loaded.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_LAUNCHER = """

import atexit, runpy


def _report(path=sys.argv[1]):
    with open(path, "w", encoding="ascii") as stream:
        stream.write(repr(peak_rss_mb()))


atexit.register(_report)
sys.argv = ["pytest", *sys.argv[2:]]
runpy.run_module("pytest", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class ProcessCost:
    seconds: float
    peak_rss_mb: float | None
    """``None`` where the process cannot read its own peak (Windows)."""
    returncode: int


def launcher() -> str:
    """``python -c`` source that runs ``pytest ARGS...`` and writes its peak RSS to ARGV[1]."""
    peak = resources.files("codemods.verify").joinpath("peak.py").read_text(encoding="utf-8")
    return peak + _LAUNCHER


def run_pytest_measured(
    python: str, args: Sequence[str], cwd: Path, env: Mapping[str, str]
) -> ProcessCost:
    """Run ``python -m pytest ARGS`` (as the launcher) to completion, output discarded:
    printing is not what is measured."""
    with tempfile.TemporaryDirectory(prefix="conftest-codemods-peak-") as scratch:
        report = Path(scratch) / "peak"
        start = time.perf_counter()
        returncode = subprocess.run(
            [python, "-c", launcher(), str(report), *args],
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        ).returncode
        seconds = time.perf_counter() - start
        text = report.read_text(encoding="ascii") if report.is_file() else "None"
    return ProcessCost(seconds, None if text == "None" else float(text), returncode)
