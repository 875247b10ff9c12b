"""The default run's collection, measured before and after on temporary copies of the project.

The project is copied twice (as ``migrate --verify`` copies it: never the user's tree), the
planned changes are written into one copy, and ``python -m pytest --collect-only -q <default
run paths>`` runs in both with the tests' interpreter, gate variables unset: first once each
with a small recorder (which gated layers the migrated run imported, and which of their fixtures
the collected tests request; it also warms the bytecode caches), then ``pairs`` pairs of plain
runs, alternating which copy goes first. Figures are medians, ratios the median of each pair's
ratio, so load from other processes on a shared machine cancels out.

Results are cached in the ``audit`` cache directory (``~/.cache/conftest-codemods``, or
``$CONFTEST_CODEMODS_CACHE_DIR``), keyed by the hashes of the project's Python and configuration
files, the planned changes, the paths, the interpreter (its path and its ``site-packages``'
modification time, which any install changes) and the tool's version: a second ``migrate
--dry-run`` on the same tree starts no pytest.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from codemods import __version__
from codemods.gain.process import ProcessCost, run_pytest_measured
from codemods.gain.report import Measurement, RunCost
from codemods.plan.import_cost import cache_dir
from codemods.verify.migration import SKIPPED_NAMES, Migration, apply_changes, copy_project
from codemods.verify.runner import REMOVED_VARIABLES

CACHE_FORMAT = 2
"""Bumped whenever the way figures are taken changes, so old figures are not reused."""
PAIRS = 3
TIMEOUT = 1800.0
HASHED_SUFFIXES = (".py", ".toml", ".ini", ".cfg", ".pth")
"""What can change a collection: code, and pytest's and the project's configuration."""

_RECORDER = """
import json, sys
import pytest

output, wanted = sys.argv[1], set(json.loads(sys.argv[2]))
requested = {}


stems = set()


class Recorder:
    def pytest_collection_finish(self, session):
        for item in session.items:
            for name in wanted.intersection(getattr(item, "fixturenames", ())):
                requested[name] = requested.get(name, 0) + 1
        # Layers run inside their orchestrator's namespace, never as modules: ask each one.
        for plugin in session.config.pluginmanager.get_plugins():
            loaded = getattr(plugin, "get_loaded_fixture_modules", None)
            if callable(loaded):
                stems.update(f"conftest_{label}" for label in loaded())


code = pytest.main(sys.argv[3:], plugins=[Recorder()])
with open(output, "w", encoding="utf-8") as stream:
    json.dump({"exit": int(code), "requested": requested, "modules": sorted(stems)}, stream)
sys.exit(int(code))
"""


class MeasureError(RuntimeError):
    """The collection could not be measured (the message says why, for the summary)."""


@dataclass(frozen=True)
class Setup:
    """What to measure and where."""

    root: Path
    """The project root (what is copied), as ``--verify`` finds it."""
    paths: tuple[str, ...]
    """The default run's paths, relative to ``root``."""
    python: str
    interpreter: str
    """``python`` described with how it was found."""
    environment: Mapping[str, str | None]
    """Layered over ``os.environ``: gate variables unset (``None``)."""
    gated: Mapping[str, str]
    """Gated fixture -> the layer module defining it (what the recorder looks for)."""
    pairs: int = PAIRS


def measure_collection(result: Migration, setup: Setup) -> Measurement:
    """Measure before and after (or read the cache); ``MeasureError`` when a run fails."""
    key = cache_key(result, setup)
    cache_file = cache_dir() / f"gain-v{CACHE_FORMAT}-{key}.json"
    cached = _load(cache_file)
    if cached is not None:
        return replace(cached, cached=True)
    with tempfile.TemporaryDirectory(prefix="conftest-codemods-gain-") as scratch:
        name = setup.root.name or "project"
        before = copy_project(setup.root, Path(scratch) / "before" / name)
        after = copy_project(setup.root, Path(scratch) / "after" / name)
        apply_changes(result, setup.root, after)
        env = _environment(setup.environment)
        _record(before, setup, env, Path(scratch) / "before.json", "the original")
        seen = _record(after, setup, env, Path(scratch) / "after.json", "the migrated copy")
        args = ["--collect-only", "-q", *setup.paths]
        runs: dict[str, list[ProcessCost]] = {"before": [], "after": []}
        for index in range(setup.pairs):
            order = [("before", before), ("after", after)]
            for label, tree in order if index % 2 == 0 else reversed(order):
                runs[label].append(run_pytest_measured(setup.python, args, tree, env))
    measurement = _figures(runs, setup, seen)
    _save(cache_file, measurement)
    return measurement


def _record(
    tree: Path, setup: Setup, env: Mapping[str, str], output: Path, label: str
) -> dict[str, Any]:
    """One collection with the recorder, which also warms the copy's bytecode caches."""
    command = [
        setup.python,
        "-c",
        _RECORDER,
        str(output),
        json.dumps(sorted(setup.gated)),
        "--collect-only",
        "-q",
        *setup.paths,
    ]
    try:
        completed = subprocess.run(
            command,
            cwd=tree,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise MeasureError(f"collecting {label} took over {TIMEOUT:.0f} s") from None
    # 5: no tests collected, still a collection whose cost means something.
    if completed.returncode not in (0, 5) or not output.is_file():
        lines = [line for line in (completed.stdout + completed.stderr).splitlines() if line]
        last = lines[-1].strip() if lines else "no output"
        raise MeasureError(
            f"pytest --collect-only failed on {label} (exit {completed.returncode}): {last}"
        )
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return data


def _figures(
    runs: Mapping[str, Sequence[ProcessCost]], setup: Setup, seen: Mapping[str, Any]
) -> Measurement:
    before, after = _peaks(runs["before"]), _peaks(runs["after"])
    pairs = list(zip(before, after, strict=True))
    layers = sorted(set(setup.gated.values()) & set(seen["modules"]))
    requested = sorted(seen["requested"].items(), key=lambda item: (-item[1], item[0]))
    return Measurement(
        command=f"pytest --collect-only -q {' '.join(setup.paths)}",
        interpreter=setup.interpreter,
        pairs=setup.pairs,
        before=_median(before),
        after=_median(after),
        rss_ratio=statistics.median(a[1] / b[1] for b, a in pairs),
        wall_ratio=statistics.median(a[0] / b[0] for b, a in pairs),
        gated_loaded=tuple(f"{stem}.py" for stem in layers),
        gated_requests=tuple((name, int(count)) for name, count in requested),
    )


def _peaks(runs: Sequence[ProcessCost]) -> list[tuple[float, float]]:
    """(seconds, peak RSS) of each run; ``MeasureError`` when a run could not report its peak."""
    found = [(run.seconds, run.peak_rss_mb) for run in runs if run.peak_rss_mb is not None]
    if len(found) != len(runs):
        raise MeasureError("pytest could not report its peak RSS here (no /proc, no resource)")
    return found


def _median(runs: Sequence[tuple[float, float]]) -> RunCost:
    return RunCost(
        statistics.median(peak for _, peak in runs),
        statistics.median(seconds for seconds, _ in runs),
    )


def _environment(overrides: Mapping[str, str | None]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in REMOVED_VARIABLES}
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def cache_key(result: Migration, setup: Setup) -> str:
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
            digest.update(b"\0")

    add(str(CACHE_FORMAT), __version__, setup.python, *_interpreter_stamps(setup.python))
    add(*setup.paths, json.dumps(dict(setup.environment), sort_keys=True), str(setup.pairs))
    for path in _project_files(setup.root):
        add(str(path.relative_to(setup.root)), hashlib.sha256(path.read_bytes()).digest())
    for change in sorted(result.changes, key=lambda change: change.path):
        add(os.path.relpath(os.path.normpath(change.path.absolute()), setup.root), change.data)
    return digest.hexdigest()[:24]


def _interpreter_stamps(python: str) -> Iterator[str]:
    """What changes when the interpreter or anything installed in its environment changes."""
    executable = Path(python)
    try:
        yield str(executable.stat().st_mtime_ns)
    except OSError:
        return
    for site in sorted(executable.parent.parent.glob("lib*/python*/site-packages")):
        yield f"{site}:{site.stat().st_mtime_ns}"


def _project_files(root: Path) -> Iterator[Path]:
    for directory, names, files in os.walk(root):
        names[:] = sorted(
            name
            for name in names
            if name not in SKIPPED_NAMES and not Path(directory, name, "pyvenv.cfg").is_file()
        )
        for name in sorted(files):
            if name.endswith(HASHED_SUFFIXES):
                yield Path(directory, name)


def _load(path: Path) -> Measurement | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["before"], data["after"] = RunCost(**data["before"]), RunCost(**data["after"])
        data["gated_loaded"] = tuple(data["gated_loaded"])
        data["gated_requests"] = tuple((str(n), int(c)) for n, c in data["gated_requests"])
        return Measurement(**data)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _save(path: Path, measurement: Measurement) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(asdict(measurement), indent=1), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass
