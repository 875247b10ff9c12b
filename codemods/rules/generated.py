"""What the files ``migrate`` generates should look like now, from the layer modules on disk.

Shared by the orchestrator rules: the stale-orchestrator rule compares the whole text, the
definitions rule looks for statements the generator would never write.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from codemods.generated import recorded_path_markers, runtime_path, runtime_reference

if TYPE_CHECKING:
    from codemods.rules.context import GroupContext


def render_expected_orchestrator(group: GroupContext) -> str:
    """The orchestrator ``migrate`` would write for the layer modules of ``group`` today."""
    # black and libcst are slow to import; only a directory with an orchestrator pays for them.
    from codemods.plan.reassemble import plan_from_layers
    from codemods.render.formatting import project_style
    from codemods.render.orchestrator import render_orchestrator

    plan = plan_from_layers({layer: context.model for layer, context in group.layers.items()})
    runtime = runtime_reference(group.directory, runtime_path(group.directory))
    style = project_style(group.directory)
    settings = group.settings
    if settings.path_markers is None and group.orchestrator is not None:
        # Not configured: keep the choice ``migrate`` made (``--path-markers`` or not).
        recorded = recorded_path_markers(group.orchestrator.source.text)
        settings = replace(settings, path_markers=recorded)
    return render_orchestrator(plan, settings, style, runtime=runtime)


def normalized(text: str) -> str:
    """``text`` with ``\\n`` newlines, as the renderer produces it."""
    return text.replace("\r\n", "\n")
