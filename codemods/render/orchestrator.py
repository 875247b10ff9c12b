"""The generated ``conftest.py``: its settings, and hooks that hand over to the shared runtime
(template in ``templates/``)."""

from __future__ import annotations

import string
from importlib import resources

from codemods.config import Settings
from codemods.formatting import Style, format_generated
from codemods.generated import PATH_MARKERS_ARGUMENT, orchestrator_header, runtime_loader
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan


def render_orchestrator(plan: SplitPlan, settings: Settings, style: Style, *, runtime: str) -> str:
    """The orchestrator for ``plan``, formatted in ``style`` (the project's); ``runtime`` is the
    runtime's path relative to it."""
    layers = plan.used_layers()
    always = [layer for layer in layers if not layer.gated]
    gated = [layer for layer in layers if layer.gated]
    gates = {layer.module_stem: tuple(settings.gates.get(layer, ())) for layer in gated}
    words = {
        word: layer.module_stem
        for word, layer in sorted(settings.marker_layers.items())
        if layer in gated
    }
    fixtures = {name: layer.module_stem for name, layer in sorted(plan.gated_fixtures().items())}
    arguments = {
        "layers": tuple(layer.module_stem for layer in layers),
        "always": tuple(layer.module_stem for layer in always),
        "gates": gates,
        "words": words,
        "fixtures": fixtures,
        "expanding": tuple(sorted(plan.expanding_fixtures())),
        PATH_MARKERS_ARGUMENT: dict(settings.path_markers or {}),
        "gated_mode": settings.gated_mode,
    }
    call = ", ".join(f"{name}={value!r}" for name, value in arguments.items())
    template = resources.files("codemods.render").joinpath("templates/orchestrator.py.tmpl")
    text = string.Template(template.read_text(encoding="utf-8")).substitute(
        header=orchestrator_header(),
        always_doc=_labels(always),
        gated_doc=_labels(gated) or "no other layer",
        gates_doc=", ".join(dict.fromkeys(spec for specs in gates.values() for spec in specs))
        or "none configured",
        words_doc=", ".join(words) or "none configured",
        runtime=runtime,
        loader=runtime_loader(runtime, returns="ModuleType"),
        settings=f"_conftest_codemods = _conftest_codemods_runtime().Layers(globals(), {call},)\n",
    )
    return format_generated(text, style)  # all of it: the project's target versions apply too


def _labels(layers: list[Layer]) -> str:
    return " and ".join(layer.label for layer in layers)
