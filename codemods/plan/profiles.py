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
torch, ...), capped at VERY_HIGH. The levels match the runtime's measured thresholds: MINIMAL
< 1 MB, LOW < 10 MB, MEDIUM < 50 MB, HIGH < 200 MB, VERY_HIGH above.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import libcst as cst

from codemods.analysis.fixtures import Fixture
from codemods.analysis.units import Unit
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan

IMPACT_LEVELS = ("MINIMAL", "LOW", "MEDIUM", "HIGH", "VERY_HIGH")
HEAVY_MODULES = frozenset(
    {
        "pandas", "numpy", "scipy", "torch", "tensorflow", "jax", "sklearn", "matplotlib",
        "pyarrow", "polars", "dask", "xarray", "sqlalchemy", "boto3", "botocore", "django",
        "spacy", "transformers", "cv2", "PIL",
    }
)  # fmt: skip
_LONG_LIVED = frozenset({"session", "package", "module"})
_DESCRIPTION_LIMIT = 72


@dataclass(frozen=True)
class ProfileTag:
    """The two arguments of one ``@memory_profile``."""

    description: str
    impact: str


def plan_profiles(plan: SplitPlan) -> Mapping[cst.Decorator, ProfileTag]:
    """The tag for each fixture ``def``, keyed by its ``@pytest.fixture`` decorator node."""
    tags: dict[cst.Decorator, ProfileTag] = {}
    for index, placement in plan.placements.items():
        unit = plan.model.units[index]
        for fixture in unit.fixtures:
            if fixture.decorator is not None and fixture.function is not None:
                tags[fixture.decorator] = ProfileTag(
                    describe(fixture), estimate_impact(placement.layer, fixture, unit)
                )
    return tags


def describe(fixture: Fixture) -> str:
    """The first line of the fixture's docstring, else its name in words."""
    assert fixture.function is not None
    docstring = fixture.function.get_docstring()
    line = docstring.strip().splitlines()[0].strip() if docstring else ""
    text = line or fixture.name.strip("_").replace("_", " ")
    if len(text) > _DESCRIPTION_LIMIT:
        text = text[: _DESCRIPTION_LIMIT - 3].rstrip() + "..."
    return text


def estimate_impact(layer: Layer, fixture: Fixture, unit: Unit) -> str:
    level = int(layer)
    if fixture.scope in _LONG_LIVED:
        level += 1
    if any(name.partition(".")[0] in HEAVY_MODULES for name in unit.uses):
        level += 1
    return IMPACT_LEVELS[min(level, len(IMPACT_LEVELS) - 1)]
