"""The generated ``conftest.py`` that loads the layer modules (template in ``templates/``)."""

from __future__ import annotations

import string
from importlib import resources

from codemods import __version__
from codemods.config import Settings
from codemods.layers import Layer
from codemods.plan import SplitPlan
from codemods.render.formatting import format_generated


def render_orchestrator(plan: SplitPlan, settings: Settings, line_length: int) -> str:
    """The orchestrator for ``plan``: always-loaded layers, gates and the on-demand fixture map."""
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
    template = resources.files("codemods.render").joinpath("templates/orchestrator.py.tmpl")
    text = string.Template(template.read_text(encoding="utf-8")).substitute(
        version=__version__,
        always_doc=_labels(always),
        gated_doc=_labels(gated) or "no other layer",
        gates_doc=", ".join(dict.fromkeys(spec for specs in gates.values() for spec in specs))
        or "none configured",
        words_doc=", ".join(words) or "none configured",
        layers=repr(tuple(layer.module_stem for layer in layers)),
        always=repr(tuple(layer.module_stem for layer in always)),
        gates=repr(gates),
        words=repr(words),
        fixtures=repr(fixtures),
        path_markers=repr(dict(settings.path_markers)),
        gated_mode=repr(settings.gated_mode),
    )
    return format_generated(text, line_length)


def _labels(layers: list[Layer]) -> str:
    return " and ".join(layer.label for layer in layers)
