"""``conftest-codemods profile``: measure every ``@memory_profile`` fixture, then optionally
write the measured impact level back into the decorators.

The suite runs in a child pytest with this package's plugin loaded and measuring on
(``PYTEST_MEMORY_PROFILE``/``PYTEST_MEMORY_REPORT``), so the figures are those of a normal
pytest run; only the ``impact`` arguments are ever rewritten.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from codemods.discovery import is_skipped
from codemods.errors import InputError
from codemods.generated import LAYER_FILES
from codemods.io import encode_text, read_source
from codemods.runtime.impact import as_impact
from codemods.transforms.set_memory_impact import SetMemoryImpactTransform
from codemods.verify import PytestRunError, run_pytest

PLUGIN_ARGUMENTS = ("-p", "no:conftest_codemods", "-p", "codemods.runtime.plugin")
"""Load this package's plugin by its module name whether or not the interpreter has the entry
point (not installed there, or ``PYTEST_DISABLE_PLUGIN_AUTOLOAD``), and block the entry point,
which would register the same module a second time. ``run_pytest`` puts this package on the
child's path when the interpreter does not find it."""


@dataclass(frozen=True)
class Measured:
    """One fixture's figures from the memory report (its worst call), per param."""

    fixture: str
    function: str
    """``module:qualname`` of the decorated function."""
    declared: str | None
    measured: str
    peak_mb: float
    setup_mb: float
    param_id: str | None = None
    """The id pytest shows for the param (``db[sqlite]``), or None for an unparametrized one."""

    @property
    def label(self) -> str:
        return self.fixture if self.param_id is None else f"{self.fixture}[{self.param_id}]"


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
        env = {"PYTEST_MEMORY_PROFILE": "1", "PYTEST_MEMORY_REPORT": str(report)}
        try:
            run_pytest(project, (*PLUGIN_ARGUMENTS, *pytest_args), env=env, timeout=timeout)
        except PytestRunError as error:
            tail = error.output.strip().splitlines()[-1:] or ["no output"]
            raise InputError(
                project, f"pytest {error.what}: {tail[0]}", "run pytest there to see why"
            ) from None
        if not report.is_file():
            raise InputError(
                project, "pytest wrote no memory report", "is a test selected by these arguments?"
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
            param_id=None if row.get("param_id") is None else str(row["param_id"]),
        )
        for row in rows
    ]


def impact_changes(project: Path, measured: Sequence[Measured]) -> list[ImpactChange]:
    """The conftest files under ``project`` whose declared impacts differ from the measured."""
    heaviest: dict[str, Measured] = {}
    for row in measured:  # a parametrized fixture's decorator gets its heaviest param's level
        known = heaviest.get(row.function)
        if known is None or as_impact(row.measured).rank > as_impact(known.measured).rank:
            heaviest[row.function] = row
    by_module: dict[str, dict[str, str]] = defaultdict(dict)
    for function, row in heaviest.items():
        module, _, qualname = function.partition(":")
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
    """Impacts of functions in the module that ``relative`` is imported as (any import mode).

    A layer module runs in its orchestrator's namespace, so its functions report the
    ``conftest`` module beside it as theirs."""
    names = {relative} | (
        {relative.with_name("conftest.py")} if relative.name in LAYER_FILES else set()
    )
    impacts: dict[str, str] = {}
    for name in names:
        dotted = ".".join(name.with_suffix("").parts)
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
        if entry.is_dir() and not is_skipped(entry.name):
            yield from _conftest_files(entry)
        elif entry.suffix == ".py" and entry.name.startswith("conftest_"):
            yield entry
