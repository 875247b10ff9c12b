"""What importing a module costs, measured in a clean interpreter, and cached.

Each module is imported alone in a fresh ``python -X importtime`` subprocess run from the project
root, with the conftest's directory on the path as pytest's default import mode puts it; the
child reports its peak-RSS growth too. ``pytest`` is imported first: every run pays for it, so
what it loads is not the conftest's cost. Figures depend on the interpreter and the installed
version, so the cache is keyed by both: a second ``audit`` or ``lazy`` only measures what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from codemods.analysis.imports import ImportBinding
from codemods.interpreter import Probe
from codemods.plan.lazy_imports import IsHeavy

CACHE_ENV = "CONFTEST_CODEMODS_CACHE_DIR"
CACHE_FORMAT = 4
"""Bumped whenever the way figures are taken changes, so old figures are not reused."""
THRESHOLD_MS = 20.0
THRESHOLD_MB = 10.0
_MARK = "@@conftest-codemods"
_CHILD = f"""
import resource, sys, time
try:
    import pytest  # already paid for by every pytest run: not part of the import's cost
except ImportError:
    pass


def rss_kb():
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() // 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


before = rss_kb()
sys.stderr.write("{_MARK} start\\n"); sys.stderr.flush()
start = time.perf_counter()
__import__(sys.argv[1])  # as an import statement does: -X importtime times it
wall = time.perf_counter() - start
after = rss_kb()
sys.stderr.write(f"{_MARK} result {{wall}} {{before}} {{after}}\\n")
"""


@dataclass(frozen=True)
class ImportCost:
    module: str
    self_ms: float
    cumulative_ms: float
    """``-X importtime``'s cumulative figure for everything the import statement loaded."""
    rss_mb: float
    """Resident memory the import added (``/proc/self/statm``; peak RSS where that is missing)."""
    error: str = ""
    """Why it could not be measured (then the figures are 0)."""

    def heavy(self, threshold_ms: float, threshold_mb: float) -> bool:
        return not self.error and (
            self.cumulative_ms >= threshold_ms or self.rss_mb >= threshold_mb
        )

    def describe(self) -> str:
        if self.error:
            return f"not measured: {self.error}"
        return f"{self.cumulative_ms:.0f} ms cumulative, +{self.rss_mb:.1f} MB"


def cache_dir() -> Path:
    """``$CONFTEST_CODEMODS_CACHE_DIR``, else ``$XDG_CACHE_HOME/conftest-codemods``, else
    ``~/.cache/conftest-codemods``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conftest-codemods"


def measure(
    modules: Sequence[str], probe: Probe, *, timeout: float = 120.0, measure_missing: bool = True
) -> dict[str, ImportCost]:
    """The cost of each of ``modules`` (absolute names), from the cache when it is current.
    Without ``measure_missing`` only cached figures are returned (a static estimate may show
    what earlier runs measured, but must not start imports of its own)."""
    cache_file = cache_dir() / f"import-costs-v{CACHE_FORMAT}-{digest(probe.interpreter)}.json"
    cached = load_cache(cache_file)
    costs: dict[str, ImportCost] = {}
    changed = False
    for module in dict.fromkeys(modules):
        key = f"{module}@{probe.version(module)}"
        entry = cached.get(key)
        if entry is not None:
            costs[module] = _from_cache(module, entry)
            continue
        if not measure_missing:
            continue
        if not probe.available(module):
            costs[module] = ImportCost(module, 0, 0, 0, "cannot be imported in this environment")
            continue
        if module.partition(".")[0].startswith("conftest"):
            costs[module] = ImportCost(module, 0, 0, 0, "a conftest module: not run on its own")
            continue
        cost = measure_one(module, probe, timeout=timeout)
        costs[module] = cost
        if not cost.error:
            cached[key] = asdict(cost)
            changed = True
    if changed:
        save_cache(cache_file, cached)
    return costs


def measure_one(
    module: str, probe: Probe, *, timeout: float = 120.0, repeats: int = 3
) -> ImportCost:
    """Import ``module`` in fresh interpreters: one warm-up (it may compile bytecode), then
    ``repeats`` runs; the fastest one is kept, since other load on a shared machine only ever
    adds time."""
    runs: list[ImportCost] = []
    for _ in range(repeats + 1):
        try:
            completed = subprocess.run(
                [probe.python, "-X", "importtime", "-c", _CHILD, module],
                cwd=probe.root,
                env=probe.environment(),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return ImportCost(module, 0, 0, 0, f"import took over {timeout:.0f} s")
        cost = parse_importtime(module, completed.stderr)
        if cost.error:
            return cost
        runs.append(cost)
    return min(runs[1:], key=lambda run: run.cumulative_ms)


def parse_importtime(module: str, stderr: str) -> ImportCost:
    """Figures from the child's stderr: the roots of the import tree after the start mark."""
    lines = stderr.splitlines()
    try:
        start = lines.index(f"{_MARK} start")
    except ValueError:
        return ImportCost(module, 0, 0, 0, _last_error(stderr))
    self_us = cumulative_us = 0
    result = None
    for line in lines[start + 1 :]:
        if line.startswith(f"{_MARK} result"):
            result = line.split()[2:]
            break
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, total, name = line.removeprefix("import time:").split("|", 2)
        if not own.strip().isdigit():
            continue
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        if name.strip() == module:
            self_us = int(own)
        if depth == 0:
            cumulative_us += int(total)
    if result is None:
        return ImportCost(module, 0, 0, 0, _last_error(stderr))
    growth_kb = max(0, int(result[2]) - int(result[1]))
    return ImportCost(module, self_us / 1000, cumulative_us / 1000, growth_kb / 1024)


def _from_cache(module: str, entry: Mapping[str, object]) -> ImportCost:
    def number(key: str) -> float:
        value = entry.get(key, 0)
        return float(value) if isinstance(value, int | float) else 0.0

    return ImportCost(module, number("self_ms"), number("cumulative_ms"), number("rss_mb"))


def _last_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line and not line.startswith("import time:")]
    return lines[-1].strip() if lines else "the import failed"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_cache(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_cache(path: Path, data: Mapping[str, object]) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass


def measured(
    costs: Mapping[str, ImportCost],
    threshold_ms: float = THRESHOLD_MS,
    threshold_mb: float = THRESHOLD_MB,
) -> IsHeavy:
    """Heavy when the measured cost of the imported module reaches either threshold."""

    def is_heavy(binding: ImportBinding) -> str | None:
        cost = costs.get(binding.module)
        if cost is None or not cost.heavy(threshold_ms, threshold_mb):
            return None
        return f"measured {cost.describe()}"

    return is_heavy
