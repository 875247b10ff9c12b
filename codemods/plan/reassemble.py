"""A plan rebuilt from existing layer modules, so the orchestrator can be regenerated.

After ``migrate`` the layer modules are the source of truth: users move fixtures between them.
The orchestrator's fixture -> module map and layer list follow from where things are now, so
``check`` compares the orchestrator with one rendered from this plan and ``fix`` writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import libcst as cst

from codemods.analysis.model import ConftestModel
from codemods.analysis.units import Unit
from codemods.layers import Layer
from codemods.plan.planner import Placement, SplitPlan, Wish


def plan_from_layers(models: Mapping[Layer, ConftestModel]) -> SplitPlan:
    """Every unit of every layer module, placed in the layer whose module holds it."""
    units: list[Unit] = []
    placements: dict[int, Placement] = {}
    for layer, model in sorted(models.items()):
        wish = Wish(layer, f"defined in {layer.module_stem}.py", pinned=True)
        for unit in model.units:
            placements[len(units)] = Placement(layer, wish)
            units.append(replace(unit, index=len(units)))
    model = ConftestModel(cst.Module(body=()), tuple(units), {}, {}, {}, frozenset(), {})
    return SplitPlan(model, placements, {}, {}, ())
