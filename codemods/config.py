"""``[tool.conftest-codemods]``: the user's settings, validated strictly.

The nearest ``pyproject.toml`` above the migrated file is used (``--config`` names another).
An unknown key is an error naming the key: a typo must not silently fall back to a default.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from codemods.errors import ConfigError
from codemods.layers import Layer

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

SECTION = "conftest-codemods"


def _default_gates() -> dict[Layer, tuple[str, ...]]:
    return {
        Layer.SERVICES: ("USE_REAL_SERVICES", "ENVIRONMENT=staging"),
        Layer.E2E: ("RUN_E2E_TESTS", "ENVIRONMENT=staging"),
    }


def _default_marker_layers() -> dict[str, Layer]:
    return {"integration": Layer.SERVICES, "real_services": Layer.SERVICES, "e2e": Layer.E2E}


DEFAULT_PATH_MARKERS: Mapping[str, str] = {
    "unit": "unit",
    "integration": "integration",
    "e2e": "e2e",
}
"""The markers ``path-markers = true`` (or ``migrate --path-markers``) adds by directory."""


@dataclass(frozen=True)
class Settings:
    """Everything the split can be told; each field documents its ``pyproject`` key."""

    gates: Mapping[Layer, tuple[str, ...]] = field(default_factory=_default_gates)
    """``gates``: env vars that load a gated layer: ``NAME`` (truthy) or ``NAME=value``."""
    pins: Mapping[Layer, tuple[str, ...]] = field(default_factory=dict)
    """``pins``: unit-name glob patterns that force a layer, e.g. ``services = ["db_*"]``."""
    signals: Mapping[Layer, tuple[str, ...]] = field(default_factory=dict)
    """``signals``: extra module prefixes that classify a unit, e.g. ``e2e = ["myapp.launch"]``."""
    marker_layers: Mapping[str, Layer] = field(default_factory=_default_marker_layers)
    """``marker-layers``: markers (in ``-m``) and directory names (in paths) that load a layer."""
    path_markers: Mapping[str, str] | None = None
    """``path-markers``: directory name -> marker the orchestrator adds to (and registers for)
    the tests below it; ``true`` means ``DEFAULT_PATH_MARKERS``, ``false`` none. Opt-in: such
    markers change what ``-m`` selects, what hooks see and what ``--strict-markers`` accepts.
    ``None`` (not configured): ``migrate`` adds none, ``check`` keeps the orchestrator's."""
    gated_mode: str = "load"
    """``gated-mode``: ``load`` a gated layer when a test needs it, or ``skip`` such tests."""
    profile: bool = True
    """``profile``: add ``@memory_profile`` to every fixture."""
    lazy: bool = True
    """``lazy``: ``migrate`` defers the heavy imports of the layer modules it writes."""
    select: tuple[str, ...] = ()
    """``select``: rule codes or prefixes ``check`` runs instead of the default set."""
    ignore: tuple[str, ...] = ()
    """``ignore``: rule codes or prefixes ``check`` never reports."""
    extend_select: tuple[str, ...] = ()
    """``extend-select``: opt-in rules to run on top of the selected ones."""
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """``per-file-ignores``: glob (relative to the ``pyproject.toml``) -> codes not reported."""
    exclude: tuple[str, ...] = ()
    """``exclude``: globs of files and directories ``check`` and ``fix`` skip."""
    heavy_imports: tuple[str, ...] = ()
    """``heavy-imports``: modules that are slow to import, on top of the built-in list."""
    effect_imports: tuple[str, ...] = ()
    """``effect-imports``: modules imported for what importing them does (registration,
    patching), kept eager in base on top of the built-in list
    (``codemods.analysis.import_setup.EFFECT_MODULES``)."""
    max_lines: int = 400
    """``max-lines``: a conftest longer than this is monolithic (CC001)."""
    max_fixtures: int = 25
    """``max-fixtures``: a conftest with more fixtures than this is monolithic (CC001)."""
    heavy_import_ms: float = 20
    """``heavy-import-ms``: an import whose measured cumulative time reaches this is heavy
    (a whole number in ``pyproject``; ``lazy --threshold-ms`` may set a fraction)."""
    heavy_import_mb: float = 10
    """``heavy-import-mb``: an import whose measured RSS growth reaches this is heavy."""
    measure_imports: bool = False
    """Command line only (``lazy --measure``): CC007 also counts imports measured above
    ``heavy-import-ms``/``-mb`` as heavy (by default only listed modules are, so ``check``
    says the same on every machine)."""
    target_version: tuple[int, int] = (3, 10)
    """Command line only (``lazy --target-version``): the oldest Python the tests run on, which
    decides the forms of deferral CC007's fix may use (3.15: PEP 810 syntax)."""
    lazy_modules: bool = False
    """Command line only (``lazy --lazy-modules``): CC007's fix lists deferrable imports in
    ``__lazy_modules__`` instead of rewriting them."""
    bind_memory_profile: bool = False
    """Command line only (``profile-decorate``): CC013's fix also binds ``memory_profile`` from
    the project's runtime where the module does not bind it (and writes the runtime), so every
    fixture without the decorator can be fixed."""
    heavy_imports_in_gated_layers: bool = False
    """Set by ``migrate`` only: CC007 also looks at the gated layer modules. ``migrate`` defers
    the heavy imports of every layer module it writes (a run that asks for a gated layer pays
    for its imports too); ``check`` reports only what every run pays."""
    memory_profile_moves: bool = True
    """Set off by ``migrate`` only: CC013's fix also moves a ``@memory_profile`` written above
    the fixture decorator to under it. pytest then sees a fixture it did not see before, so
    ``migrate``, which keeps what the suite does, leaves that for ``check`` to report."""
    python: str | None = None
    """Command line only (``--python``): the interpreter the tests run with, asked which heavy
    modules are installed (``None``: ``codemods.interpreter.find_interpreter`` finds it)."""


_LAYER_TABLES = {"gates": "gates", "pins": "pins", "signals": "signals"}
_LINT_LISTS = {
    "select": "select",
    "ignore": "ignore",
    "extend-select": "extend_select",
    "exclude": "exclude",
    "heavy-imports": "heavy_imports",
    "effect-imports": "effect_imports",
}
_LINT_LIMITS = {
    "max-lines": "max_lines",
    "max-fixtures": "max_fixtures",
    "heavy-import-ms": "heavy_import_ms",
    "heavy-import-mb": "heavy_import_mb",
}
_KNOWN_KEYS = frozenset(
    {
        *_LAYER_TABLES,
        *_LINT_LISTS,
        *_LINT_LIMITS,
        "marker-layers",
        "path-markers",
        "gated-mode",
        "profile",
        "lazy",
        "per-file-ignores",
    }
)


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` in ``start`` or one of its parents."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(start: Path, config: Path | None = None) -> Settings:
    """Settings from ``config`` or the nearest ``pyproject.toml`` above ``start``."""
    path = config or find_pyproject(start.resolve())
    if path is None:
        return Settings()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, f"cannot read: {error}", "fix the TOML") from None
    table = document.get("tool", {}).get(SECTION, {})
    return parse_settings(table, path)


def parse_settings(table: Mapping[str, Any], path: Path) -> Settings:
    """Validate a ``[tool.conftest-codemods]`` table into ``Settings``."""
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(_KNOWN_KEYS))
        raise ConfigError(
            path, f"unknown key {unknown[0]!r} in [tool.{SECTION}]", f"known: {known}"
        )
    settings = Settings()
    changes: dict[str, Any] = {}
    for key, attribute in _LAYER_TABLES.items():
        if key in table:
            base = dict(getattr(settings, attribute)) if key == "gates" else {}
            base.update(_layer_table(table[key], key, path))
            changes[attribute] = base
    if "marker-layers" in table:
        items = _string_table(table["marker-layers"], "marker-layers", path).items()
        changes["marker_layers"] = {
            name: _layer(value, "marker-layers", path) for name, value in items
        }
    if "path-markers" in table:
        changes["path_markers"] = _path_markers(table["path-markers"], path)
    if "gated-mode" in table:
        if table["gated-mode"] not in ("load", "skip"):
            raise ConfigError(path, "gated-mode must be 'load' or 'skip'", "fix the value")
        changes["gated_mode"] = table["gated-mode"]
    for key in ("profile", "lazy"):
        if key in table:
            changes[key] = _boolean(table[key], key, path)
    changes.update(_lint_settings(table, path))
    return replace(settings, **changes)


def _lint_settings(table: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """The keys ``check`` and ``fix`` read (rule codes are validated against the registry later)."""
    changes: dict[str, Any] = {
        attribute: _strings(table[key], key, path)
        for key, attribute in _LINT_LISTS.items()
        if key in table
    }
    for key, attribute in _LINT_LIMITS.items():
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(path, f"{key} must be a positive integer", "fix the value")
            changes[attribute] = value
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, Mapping):
            raise ConfigError(
                path, 'per-file-ignores must be a table of "glob" = [codes]', "fix the value"
            )
        changes["per_file_ignores"] = {
            str(glob): _strings(codes, "per-file-ignores", path) for glob, codes in value.items()
        }
    return changes


def _layer_table(value: object, key: str, path: Path) -> dict[Layer, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise ConfigError(path, f"{key} must be a table of layer = [strings]", "fix the value")
    return {_layer(name, key, path): _strings(items, key, path) for name, items in value.items()}


def _layer(name: object, key: str, path: Path) -> Layer:
    try:
        return Layer.parse(str(name))
    except ValueError as error:
        raise ConfigError(path, f"{key}: {error}", "fix the layer name") from None


def _string_table(value: object, key: str, path: Path) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(path, f'{key} must be a table of name = "string"', "fix the value")
    return {str(name): str(item) for name, item in value.items()}


def _path_markers(value: object, path: Path) -> Mapping[str, str]:
    if isinstance(value, bool):
        return dict(DEFAULT_PATH_MARKERS) if value else {}
    if not isinstance(value, Mapping):
        raise ConfigError(
            path,
            'path-markers must be true, false or a table of directory = "marker"',
            "fix the value",
        )
    return _string_table(value, "path-markers", path)


def _strings(value: object, key: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(path, f"{key} must be a list of strings", "fix the value")
    return tuple(value)


def _boolean(value: object, key: str, path: Path) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(path, f"{key} must be true or false", "fix the value")
    return value
