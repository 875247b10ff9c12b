"""``conftest-codemods profile``: measure every ``@memory_profile`` fixture, then optionally
write the measured impact level back into the decorators.

The suite runs in a subprocess with measuring on (the support module's
``PYTEST_MEMORY_PROFILE``/``PYTEST_MEMORY_REPORT`` switches), so the figures are those of a
normal pytest run; only the ``impact`` arguments are ever rewritten.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from codemods.errors import InputError
from codemods.io import encode_text, read_source
from codemods.transforms.set_memory_impact import SetMemoryImpactTransform

_SKIPPED = frozenset({".git", ".tox", ".nox", ".venv", "venv", "node_modules", "__pycache__"})


@dataclass(frozen=True)
class Measured:
    """One fixture's figures from the memory report (its worst call)."""

    fixture: str
    function: str
    """``module:qualname`` of the decorated function."""
    declared: str | None
    measured: str
    peak_mb: float
    setup_mb: float


@dataclass(frozen=True)
class ImpactChange:
    path: Path
    old: str
    new: str
    data: bytes
    functions: tuple[str, ...]


def measure(project: Path, pytest_args: Sequence[str], timeout: float = 3600) -> list[Measured]:
    """Run pytest in ``project`` with measuring on; the fixtures it measured, worst first."""
    with tempfile.TemporaryDirectory() as directory:
        report = Path(directory) / "memory.json"
        env = dict(os.environ, PYTEST_MEMORY_PROFILE="1", PYTEST_MEMORY_REPORT=str(report))
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args]
        completed = subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, timeout=timeout
        )
        if not report.is_file():
            tail = (completed.stdout + completed.stderr).strip().splitlines()[-1:] or ["no output"]
            raise InputError(
                project,
                f"pytest wrote no memory report (exit {completed.returncode}: {tail[0]})",
                "run it on a migrated suite (one with conftest_support.py)",
            )
        rows = json.loads(report.read_text(encoding="utf-8")).get("fixtures", [])
    return [
        Measured(
            fixture=str(row["fixture"]),
            function=str(row["function"]),
            declared=row.get("declared"),
            measured=str(row["measured"]),
            peak_mb=float(row.get("peak_mb") or 0.0),
            setup_mb=float(row.get("setup_mb") or 0.0),
        )
        for row in rows
    ]


def impact_changes(project: Path, measured: Sequence[Measured]) -> list[ImpactChange]:
    """The conftest files under ``project`` whose declared impacts differ from the measured."""
    by_module: dict[str, dict[str, str]] = defaultdict(dict)
    for row in measured:
        module, _, qualname = row.function.partition(":")
        if qualname and row.measured != row.declared:
            by_module[module][qualname] = row.measured
    changes = []
    for path in _conftest_files(project):
        impacts = _impacts_for(path.relative_to(project), by_module)
        if impacts:
            change = _rewrite(path, impacts)
            if change is not None:
                changes.append(change)
    return changes


def _impacts_for(relative: Path, by_module: Mapping[str, dict[str, str]]) -> dict[str, str]:
    """Impacts of functions in the module that ``relative`` is imported as (any import mode)."""
    dotted = ".".join(relative.with_suffix("").parts)
    impacts: dict[str, str] = {}
    for module, functions in by_module.items():
        if dotted == module or dotted.endswith(f".{module}"):
            impacts.update(functions)
    return impacts


def _rewrite(path: Path, impacts: Mapping[str, str]) -> ImpactChange | None:
    source = read_source(path)
    transform = SetMemoryImpactTransform(impacts)
    new = cst.parse_module(source.text).visit(transform).code
    if new == source.text:
        return None
    return ImpactChange(path, source.text, new, encode_text(new, source), tuple(transform.changed))


def _conftest_files(directory: Path) -> Iterator[Path]:
    for entry in sorted(directory.iterdir()):
        if entry.is_dir() and entry.name not in _SKIPPED and not entry.name.startswith("."):
            yield from _conftest_files(entry)
        elif entry.suffix == ".py" and entry.name.startswith("conftest_"):
            yield entry
