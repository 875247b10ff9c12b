"""Values built by a call while the conftest is imported that now run only with a gated layer.

``_CLIENT = make_client()`` read only by service fixtures follows them into services (it floats
like any constant: ``codemods.plan.planner``), so the call runs only when services loads. The
value is movable only because nothing else reads it; a call that may change state other units
read at import time (a registry it appends to) keeps its place next to them
(``codemods.analysis.model``, ``_import_time_order``), and a pin keeps it where it was. Moving
it changes *when* the call runs, which the summary says, one line each.
"""

from __future__ import annotations

import sys

from codemods.analysis.units import UnitKind, calls_at_import
from codemods.plan.planner import SplitPlan

STDLIB = frozenset({*sys.stdlib_module_names, "builtins"})


def deferred_values(plan: SplitPlan) -> list[str]:
    """One summary line per import-time value placed in a gated layer whose call reaches code
    outside the standard library (``DEFAULT = float(os.environ.get(...))`` is not worth a
    line; ``_CLIENT = make_client()`` from the application or a library is)."""
    lines = []
    for index, placement in sorted(plan.placements.items()):
        unit = plan.model.units[index]
        outside = any(used.partition(".")[0] not in STDLIB for used in unit.uses)
        if (
            placement.layer.gated
            and unit.kind is UnitKind.CONSTANT
            and outside
            and calls_at_import(unit.node)
        ):
            lines.append(
                f"line {unit.line}: {unit.name} is built at import time: it runs only when "
                f"{placement.layer.module_stem} loads (was: every run)"
            )
    return lines
