"""The generated ``conftest.py`` that loads the layer modules (template in ``templates/``)."""

from __future__ import annotations

import string
from collections.abc import Mapping
from importlib import resources

from codemods import __version__
from codemods.config import Settings
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan
from codemods.render.formatting import format_generated
from codemods.render.markers import PATH_MARKERS_SETTING


def render_orchestrator(
    plan: SplitPlan, settings: Settings, line_length: int, *, support: str | None = None
) -> str:
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
    settings_block = _settings_block(
        {
            "LAYERS: tuple[str, ...]": tuple(layer.module_stem for layer in layers),
            "ALWAYS_LOADED: tuple[str, ...]": tuple(layer.module_stem for layer in always),
            "GATES: dict[str, tuple[str, ...]]": gates,
            "REQUEST_WORDS: dict[str, str]": words,
            "GATED_FIXTURES: dict[str, str]": fixtures,
            f"{PATH_MARKERS_SETTING}: dict[str, str]": dict(settings.path_markers or {}),
            "DEFAULT_GATED_MODE": settings.gated_mode,
            "SUPPORT_MODULE: str | None": support,
        },
        line_length,
    )
    template = resources.files("codemods.render").joinpath("templates/orchestrator.py.tmpl")
    return string.Template(template.read_text(encoding="utf-8")).substitute(
        version=__version__,
        always_doc=_labels(always),
        gated_doc=_labels(gated) or "no other layer",
        gates_doc=", ".join(dict.fromkeys(spec for specs in gates.values() for spec in specs))
        or "none configured",
        words_doc=", ".join(words) or "none configured",
        settings=settings_block,
    )


def _settings_block(values: Mapping[str, object], line_length: int) -> str:
    """The loader's class attributes, formatted by black as they sit in the class body.

    The rest of the template is stored already black-formatted, so only this block, the one
    part that varies, goes through black on each run.
    """
    body = "".join(f"    {name} = {value!r}\n" for name, value in values.items())
    formatted = format_generated(f"class _Loader:\n{body}", line_length)
    return formatted.split("\n", 1)[1]


def _labels(layers: list[Layer]) -> str:
    return " and ".join(layer.label for layer in layers)
