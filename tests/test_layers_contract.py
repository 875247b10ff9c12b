"""The import-linter contracts of ``pyproject.toml`` cover every part of ``codemods``.

A layers contract says nothing about a module it does not list, and a forbidden contract only
forbids what it names: a new top-level module or subpackage must be given its layer, and the
runtime must be forbidden to import it. ``lint-imports`` itself runs in ``.ci/run``.
"""

from __future__ import annotations

import pkgutil
import sys
from pathlib import Path

import codemods

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {contract["type"]: contract for contract in config["contracts"]}


def _top_level() -> set[str]:
    return {f"codemods.{info.name}" for info in pkgutil.iter_modules(codemods.__path__)}


def test_every_top_level_module_has_a_layer() -> None:
    layers = _contracts()["layers"]["layers"]
    assert isinstance(layers, list)
    listed = [name.strip() for row in layers for name in row.replace(":", "|").split("|")]
    assert sorted(listed) == sorted(_top_level())


def test_the_runtime_may_import_no_other_part_of_the_package() -> None:
    forbidden = _contracts()["forbidden"]
    assert forbidden["source_modules"] == ["codemods.runtime"]
    assert forbidden["forbidden_modules"] == sorted(_top_level() - {"codemods.runtime"})
