"""``conftest-codemods profile-decorate PATH``: ``@memory_profile`` for an already-split suite.

The same transform ``migrate`` applies, on one existing conftest or layer module: its layer is
read from the file name (``conftest_services.py`` -> services; anything else counts as base),
the decorator import is added when the module does not bind ``memory_profile`` yet, and the
support module is written beside it when missing. Idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import libcst as cst

from codemods.analysis.fixtures import module_fixtures
from codemods.analysis.model import build_model
from codemods.analysis.units import Unit, UnitKind
from codemods.api import SUPPORT_FILE, support_module_text
from codemods.errors import InputError
from codemods.generated import written_by_us
from codemods.io import FileChange, encode_text, read_source
from codemods.layers import Layer
from codemods.plan.profiles import profile_tags
from codemods.render.conservation import check_only_profiles_added
from codemods.render.formatting import black_line_length
from codemods.render.layer_modules import SUPPORT_STEM, generated_imports
from codemods.transforms.add_memory_profile import DECORATOR_NAME, AddMemoryProfileTransform


def decorate_fixtures(path: Path) -> list[FileChange]:
    """The changes that decorate every undecorated fixture of ``path`` (empty if none)."""
    source = read_source(path)
    module = cst.parse_module(source.text)
    model = build_model(module, source.tree, source.text, module_fixtures(source.tree, source.text))
    layer = _layer_of(path)
    tags = profile_tags(model.units, lambda unit: layer)
    if not tags:
        return []
    decorated = module.visit(AddMemoryProfileTransform(tags))
    check_only_profiles_added(path, source.text, decorated.code)
    if DECORATOR_NAME not in model.binders:
        imports = generated_imports(
            {SUPPORT_STEM: frozenset({DECORATOR_NAME})}, black_line_length(path.parent)
        )
        position = _after_leading_imports(model.units)
        body = [*decorated.body[:position], *imports, *decorated.body[position:]]
        decorated = decorated.with_changes(body=body)
    text = decorated.code
    changes = [FileChange(path, source.text, text, encode_text(text, source))]
    support = path.parent / SUPPORT_FILE
    if not support.exists():
        runtime = support_module_text()
        changes.append(FileChange(support, None, runtime, encode_text(runtime, source)))
    elif not written_by_us(support.read_text(encoding="utf-8", errors="replace")):
        raise InputError(support, "exists and was not written by conftest-codemods", "move it away")
    return changes


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
