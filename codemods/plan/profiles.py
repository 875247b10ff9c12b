"""What ``@memory_profile(description, impact)`` says about each fixture, before measuring.

The impact is a static estimate, recalibrated later from real measurements by
``conftest-codemods profile --write``:

| starting point | level |
| --- | --- |
| fixture in base | MINIMAL |
| fixture in mocks | LOW |
| fixture in services | MEDIUM |
| fixture in e2e | HIGH |

One level up when the fixture outlives a test (``session``, ``package`` or ``module`` scope:
what it allocates stays resident) and one more when it uses a heavy library (pandas, numpy,
torch, ...), capped at VERY_HIGH. The levels are the plugin's (``codemods.runtime.impact``):
MINIMAL < 1 MB, LOW < 10 MB, MEDIUM < 50 MB, HIGH < 200 MB, VERY_HIGH above.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import libcst as cst

from codemods.analysis.fixtures import Fixture
from codemods.analysis.import_time import HEAVY_MODULES
from codemods.analysis.memory_profiles import (
    ProfileSite,
    needs_memory_profile,
    profile_site,
    wrapped_function,
)
from codemods.analysis.units import Unit
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan
from codemods.runtime.impact import Impact

IMPACT_LEVELS = tuple(level.value for level in Impact)
_LONG_LIVED = frozenset({"session", "package", "module"})
_DESCRIPTION_LIMIT = 72


@dataclass(frozen=True)
class ProfileTag:
    """The two arguments of one ``@memory_profile``."""

    description: str
    impact: str


def plan_profiles(plan: SplitPlan) -> dict[ProfileSite, ProfileTag]:
    """The tag for each fixture still without ``memory_profile``, keyed by its
    ``@pytest.fixture`` decorator (or, made by assignment, its ``pytest.fixture(...)`` call)."""
    placements = plan.placements
    return profile_tags(
        plan.model.units,
        lambda unit: placements[unit.index].layer if unit.index in placements else None,
    )


def profile_tags(
    units: Sequence[Unit],
    layer_of: Callable[[Unit], Layer | None],
    imported_as: Mapping[str, str] | None = None,
) -> dict[ProfileSite, ProfileTag]:
    """The tag for each fixture of ``units`` (a module's, in order) that ``memory_profile`` is
    missing from; units whose layer is ``None`` are skipped. ``imported_as``: what names read
    from another module are imported as there (a layer module reads a lower layer's imports:
    ``FileContext.imports_of_lower_layers``)."""
    functions = module_functions(units)
    through = imported_as or {}
    uses = {
        id(unit.node): unit.uses | {through[name] for name in unit.uses if name in through}
        for unit in units
    }
    tags: dict[ProfileSite, ProfileTag] = {}
    for unit in units:
        layer = layer_of(unit)
        if layer is None:
            continue
        for fixture in unit.fixtures:
            site = profile_site(fixture)
            if site is None or not needs_memory_profile(fixture, functions):
                continue
            function = wrapped_function(fixture, functions)
            # An assignment's heavy imports are those of the function it wraps.
            reached = function if fixture.function is None else unit.node
            also = uses.get(id(reached), frozenset())
            tags[site] = ProfileTag(
                describe(fixture, function), estimate_impact(layer, fixture, unit, also)
            )
    return tags


def module_functions(units: Iterable[Unit]) -> dict[str, cst.FunctionDef]:
    """The top-level ``def`` statements of a module, by name (the last one wins, as in Python)."""
    return {
        unit.node.name.value: unit.node for unit in units if isinstance(unit.node, cst.FunctionDef)
    }


def describe(fixture: Fixture, function: cst.FunctionDef | None = None) -> str:
    """The first line of the fixture's docstring, else its name in words.

    ``function`` is the ``def`` a fixture made by assignment wraps, when it is in the module.
    """
    function = fixture.function or function
    docstring = function.get_docstring() if function is not None else None
    line = docstring.strip().splitlines()[0].strip() if docstring else ""
    text = line or fixture.name.strip("_").replace("_", " ")
    if len(text) > _DESCRIPTION_LIMIT:
        text = text[: _DESCRIPTION_LIMIT - 3].rstrip() + "..."
    return text


def estimate_impact(
    layer: Layer, fixture: Fixture, unit: Unit, also_uses: Iterable[str] | None = None
) -> str:
    """``also_uses``: more qualified names the fixture reaches (a wrapped function's)."""
    level = int(layer)
    if fixture.scope in _LONG_LIVED:
        level += 1
    if any(name.partition(".")[0] in HEAVY_MODULES for name in (*unit.uses, *(also_uses or ()))):
        level += 1
    return IMPACT_LEVELS[min(level, len(IMPACT_LEVELS) - 1)]
