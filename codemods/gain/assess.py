"""``assess``: the gain of a planned migration, measured or estimated, with its blockers."""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from codemods.config import Settings
from codemods.gain.default_run import default_run_paths
from codemods.gain.measure import MeasureError, Setup, measure_collection
from codemods.gain.report import Blocker, Gain, Measurement
from codemods.gain.static import ALWAYS_LOADED_FILES, static_view
from codemods.layers import Layer
from codemods.lazy import interpreter_for
from codemods.rule_base.context import context_for, load_group
from codemods.verify.migration import Migration, find_project_root, verify_environments

if TYPE_CHECKING:
    from codemods.plan.planner import SplitPlan

MEASURE_ENV = "CONFTEST_CODEMODS_MEASURE"
"""``0`` (or ``false``, ``no``, ``off``): ``migrate`` estimates instead of measuring, as with
``--no-measure`` (for CI jobs and test suites that run ``migrate`` many times)."""


class PlannedMigration(Migration, Protocol):
    """What ``assess`` reads of a migration (``codemods.api.MigrationResult``): a protocol, so
    that this command below the API never imports ``codemods.api``."""

    @property
    def plan(self) -> SplitPlan | None: ...


def _read_by_others(
    result: PlannedMigration, layers: Mapping[str, str], settings: Settings
) -> dict[str, frozenset[str]]:
    """File name -> the names other files read from that layer module, as CC007's fix reads
    them (``FileContext.read_by_others``) over the files the migration writes: a blocker's
    reason is the decision ``migrate`` took."""
    directory = result.source.parent
    group = load_group(directory, settings, {c.path: c.new for c in result.changes})
    return {name: context_for(directory / name, group).read_by_others for name in layers}


class Mode(str, enum.Enum):
    MEASURE = "measure"
    """Run the default run's collection before and after (cached)."""
    ESTIMATE = "estimate"
    """Start no pytest: list the heavy imports that still run at import time."""


def mode_for(measure: bool | None) -> Mode:
    """The CLI's ``--measure/--no-measure`` (``None``: neither given) as a mode."""
    if measure is False:
        return Mode.ESTIMATE
    if measure is None and os.environ.get(MEASURE_ENV, "").lower() in ("0", "false", "no", "off"):
        return Mode.ESTIMATE
    return Mode.MEASURE


def assess(
    result: PlannedMigration,
    mode: Mode,
    settings: Settings,
    *,
    config: Path | None = None,
    python: str | None = None,
) -> Gain:
    """What the default run costs before and after ``result`` (which must have a plan)."""
    assert result.plan is not None
    conftest = Path(os.path.normpath(result.source.absolute()))
    monolith = next(c.old for c in result.changes if c.path == result.source and c.old)
    layers = {
        change.path.name: change.new
        for change in result.changes
        if change.path.parent == result.source.parent and change.path.name in ALWAYS_LOADED_FILES
    }
    view = static_view(
        conftest,
        monolith,
        layers,
        settings,
        config=config,
        python=python,
        measure_costs=mode is Mode.MEASURE,
        read_by_others=_read_by_others(result, layers, settings),
    )
    root = find_project_root(conftest)
    gated = {layer for layer in result.plan.used_layers() if layer.gated}
    words = {word for word, layer in settings.marker_layers.items() if layer in gated}
    found = default_run_paths(conftest.parent, words, root)
    paths = tuple(os.path.relpath(path, root) for path in found)
    measurement: Measurement | None = None
    note = ""
    if mode is Mode.ESTIMATE:
        note = "--no-measure"
    elif not paths:
        note = "no test outside the gated directories"
    else:
        interpreter = interpreter_for(result.source, config=config, python=python)
        setup = Setup(
            root,
            paths,
            interpreter.path,
            interpreter.describe(),
            verify_environments(settings)[0].variables,
            {name: layer.module_stem for name, layer in result.plan.gated_fixtures().items()},
        )
        try:
            measurement = measure_collection(result, setup)
        except MeasureError as error:
            note = f"not measured: {error}"
    blockers = _gated_blockers(measurement, result.plan.gated_fixtures())
    return Gain(paths, measurement, view.before, view.after, (*blockers, *view.blockers), note)


def _gated_blockers(measurement: Measurement | None, fixtures: dict[str, Layer]) -> list[Blocker]:
    """A gated layer that the default run imported: the safety net loaded it because
    default-run tests request its fixtures. The biggest blocker there is."""
    if measurement is None:
        return []
    blockers = []
    for module in measurement.gated_loaded:
        requested = [
            f"{name} ({count} test{'s' if count != 1 else ''})"
            for name, count in measurement.gated_requests
            if f"{fixtures[name].module_stem}.py" == module
        ]
        shown = ", ".join(requested[:3]) + (
            f" and {len(requested) - 3} more" if len(requested) > 3 else ""
        )
        why = (
            f"default-run tests request {shown}, so the safety net imports it"
            if requested
            else "the default run imports it"
        )
        remedy = "pin those fixtures to base or mocks (`# conftest: base`, `pins`, a plan edit)"
        blockers.append(Blocker(f"{module} loaded in the default run", why, remedy))
    return blockers
