"""``conftest-codemods profile-decorate PATH``: ``@memory_profile`` for an already-split suite.

The same transform ``migrate`` applies, on one existing conftest or layer module: its layer is
read from the file name (``conftest_services.py`` -> services; anything else counts as base),
``memory_profile`` is bound from the project's runtime when the module does not bind it yet (an
import in a layer module, a load by path elsewhere), and the runtime is written or refreshed at
the project root. Idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import libcst as cst

from codemods.analysis.memory_profiles import DECORATOR_NAME
from codemods.analysis.parsed import ParsedConftest
from codemods.analysis.units import Unit, UnitKind
from codemods.formatting import format_added_lines, project_style
from codemods.generated import (
    LAYER_FILES,
    runtime_binding,
    runtime_change,
    runtime_path,
    runtime_reference,
    written_by_us,
)
from codemods.io import FileChange, encode_text, read_source
from codemods.layers import Layer
from codemods.plan.profiles import profile_tags
from codemods.render.conservation import check_only_profiles_added
from codemods.transforms.add_memory_profile import AddMemoryProfileTransform


def decorate_fixtures(path: Path) -> list[FileChange]:
    """The changes that decorate every undecorated fixture of ``path`` (empty if none)."""
    parsed = ParsedConftest(read_source(path))
    source, module, model = parsed.source, parsed.module, parsed.model
    layer = _layer_of(path)
    tags = profile_tags(model.units, lambda unit: layer)
    if not tags:
        return []
    decorated = module.visit(AddMemoryProfileTransform(tags))
    check_only_profiles_added(path, source.text, decorated.code)
    if DECORATOR_NAME not in model.binders:
        layer_module = path.name in LAYER_FILES and written_by_us(source.text)
        reference = (
            None if layer_module else runtime_reference(path.parent, runtime_path(path.parent))
        )
        binding = runtime_binding({DECORATOR_NAME: DECORATOR_NAME}, reference)
        imports = cst.parse_module(binding).body
        position = _after_leading_imports(model.units)
        body = [*decorated.body[:position], *imports, *decorated.body[position:]]
        decorated = decorated.with_changes(body=body)
    text = format_added_lines(source.text, decorated.code, project_style(path.parent))
    changes = [FileChange(path, source.text, text, encode_text(text, source))]
    return [*changes, *runtime_change(path.parent, source)]


def _layer_of(path: Path) -> Layer:
    try:
        return Layer.parse(path.stem.removeprefix("conftest_"))
    except ValueError:
        return Layer.BASE


def _after_leading_imports(units: Sequence[Unit]) -> int:
    """Index after the docstring, ``__future__`` and other imports that open the module."""
    position = 0
    for unit in units:
        if unit.kind not in (UnitKind.DOCSTRING, UnitKind.FUTURE_IMPORT, UnitKind.IMPORT):
            break
        position += 1
    return position
