"""The text of every layer module: the user's own statements, a marker header, the runtime
names it uses, and, for static tools only, the names it reads from the layers below it.

Only the few lines we add are formatted by black; the user's statements keep their formatting.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import libcst as cst

from codemods.analysis.memory_profiles import DECORATOR_NAME, profile_site
from codemods.formatting import Style, format_generated
from codemods.generated import RUNTIME_STEM, layer_header
from codemods.layers import Layer
from codemods.plan.planner import SplitPlan
from codemods.plan.profiles import plan_profiles
from codemods.transforms.extract_layer import ExtractLayerTransform

_PRELUDE_COMMENT = re.compile(r"^#!|^#.*coding[:=]")
"""A shebang or an encoding cookie: lines that must stay first in a file."""


@dataclass(frozen=True)
class RenderedModule:
    """A generated module and what in it is ours, so conservation can tell it from the input."""

    layer: Layer
    text: str
    generated_comments: Counter[str]
    generated_statements: tuple[str, ...]
    """The source of each top-level statement we added (the lower-layer imports)."""


def render_layer_modules(
    plan: SplitPlan,
    source_name: str,
    style: Style,
    *,
    profile: bool = False,
    package: bool = False,
) -> list[RenderedModule]:
    """One module per used layer, in layer order. ``profile``: a layer with a fixture to
    decorate imports ``memory_profile`` from the runtime (CC013's fix, which ``migrate`` runs
    next, adds the decorators). ``package``: the conftest's directory is a package
    (lower-layer names are declared with relative imports)."""
    profiled = layers_to_profile(plan) if profile else frozenset()
    return [
        _render_layer(plan, layer, source_name, style, layer in profiled, package)
        for layer in plan.used_layers()
    ]


def layers_to_profile(plan: SplitPlan) -> frozenset[Layer]:
    """The layers holding a fixture that ``@memory_profile`` is missing from."""
    tags = plan_profiles(plan)
    return frozenset(
        plan.layer_of(index)
        for index in plan.placements
        for fixture in plan.model.units[index].fixtures
        if profile_site(fixture) in tags
    )


def _render_layer(
    plan: SplitPlan,
    layer: Layer,
    source_name: str,
    style: Style,
    profiled: bool,
    package: bool,
) -> RenderedModule:
    module = plan.model.module
    marker = layer_header(layer.label, source_name, layer.gated)
    prelude, rest = _split_prelude(module.header)
    header = [*prelude, _comment_line(marker)]
    if layer is Layer.BASE:
        header += rest
    generated = Counter({marker: 1})
    if layer is not Layer.BASE:
        generated.update(line.comment.value for line in prelude if line.comment is not None)
    shared = sorted(plan.shared.get(layer, {}).items())
    sources = {source.module_stem: names for source, names in shared}
    runtime = frozenset({DECORATOR_NAME}) if profiled else frozenset()
    preamble = layer_imports(runtime, sources, package, style)
    transform = ExtractLayerTransform(plan, layer, header, preamble)
    text = module.visit(transform).code
    statements = tuple(module.code_for_node(statement).strip() for statement in preamble)
    return RenderedModule(layer, text, generated, statements)


def _split_prelude(
    header: Sequence[cst.EmptyLine],
) -> tuple[list[cst.EmptyLine], list[cst.EmptyLine]]:
    """The shebang/encoding lines at the very top of ``header``, and everything after them."""
    count = 0
    for line in header[:2]:
        if line.comment is None or not _PRELUDE_COMMENT.match(line.comment.value):
            break
        count += 1
    return list(header[:count]), list(header[count:])


def _comment_line(text: str) -> cst.EmptyLine:
    return cst.EmptyLine(comment=cst.Comment(text))


def layer_imports(
    runtime: frozenset[str],
    lower: Mapping[str, frozenset[str]],
    package: bool,
    style: Style,
) -> list[cst.BaseStatement]:
    """The runtime names a layer uses, and the names it reads from lower layers, declared under
    ``TYPE_CHECKING`` only: at run time every layer runs in the conftest's namespace, where they
    are already bound (or, like the original's conditionally bound names, are not)."""
    lines = [f"from {RUNTIME_STEM} import {', '.join(sorted(runtime))}\n"] if runtime else []
    if lower:
        dot = "." if package else ""
        lines[:0] = ["from typing import TYPE_CHECKING\n\n"]
        lines += ["\nif TYPE_CHECKING:\n"] + [
            f"    from {dot}{stem} import {', '.join(sorted(names))}\n"
            for stem, names in lower.items()
        ]
    if not lines:
        return []
    return [*cst.parse_module(format_generated("".join(lines), style)).body]
