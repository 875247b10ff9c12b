"""Whole-process measurement shared by the benchmark scripts: wall time and peak RSS per run.

Machines are shared and noisy, so runs are paired (the two commands alternate, the order of
each pair flipping), preceded by a warm-up of each, and reported as medians and a ratio.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    exit_code: int
    cpu_seconds: float = 0.0
    """User + system time of the process and its children (steadier than wall time on a
    shared machine, but it does not show what running on several cores gains)."""


def run_once(
    command: Sequence[str], *, cwd: str | None = None, env: Mapping[str, str] | None = None
) -> Run:
    """Run ``command`` to completion; its own wall time, peak RSS and CPU time (from
    ``wait4``, which counts the children it waited for: worker processes included)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=dict(env) if env is not None else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime)


def paired(
    first: Sequence[str],
    second: Sequence[str],
    pairs: int,
    *,
    cwd: str | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[list[Run], list[Run]]:
    """``pairs`` alternating runs of both commands after one warm-up run of each."""
    run_once(first, cwd=cwd, env=env)
    run_once(second, cwd=cwd, env=env)
    a: list[Run] = []
    b: list[Run] = []
    for index in range(pairs):
        if index % 2:
            b.append(run_once(second, cwd=cwd, env=env))
            a.append(run_once(first, cwd=cwd, env=env))
        else:
            a.append(run_once(first, cwd=cwd, env=env))
            b.append(run_once(second, cwd=cwd, env=env))
    return a, b


def rounds(
    commands: Sequence[Sequence[str]],
    count: int,
    *,
    cwd: str | None = None,
    env: Mapping[str, str] | None = None,
) -> list[list[Run]]:
    """``count`` rounds running every command once, after one warm-up run of each; round
    ``i`` starts at command ``i`` (mod their number), so no command always runs first or
    after the same neighbour. One list of runs per command, in ``commands``' order."""
    for command in commands:
        run_once(command, cwd=cwd, env=env)
    runs: list[list[Run]] = [[] for _ in commands]
    for index in range(count):
        for offset in range(len(commands)):
            position = (index + offset) % len(commands)
            runs[position].append(run_once(commands[position], cwd=cwd, env=env))
    return runs


def median_seconds(runs: Sequence[Run]) -> float:
    return statistics.median(run.seconds for run in runs)


def median_cpu(runs: Sequence[Run]) -> float:
    return statistics.median(run.cpu_seconds for run in runs)


def median_rss(runs: Sequence[Run]) -> float:
    return statistics.median(run.peak_rss_mb for run in runs)


def machine() -> str:
    """One line describing where the figures were taken."""
    model = "unknown CPU"
    try:
        with Path("/proc/cpuinfo").open(encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {sys.version.split()[0]}"
    )
