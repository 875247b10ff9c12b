"""The library API behind the CLI: ``migrate`` computes every file of the split, and
``MigrationResult.write`` applies it atomically. Tests call these directly.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import libcst as cst

from codemods.analysis.fixtures import module_fixtures
from codemods.analysis.model import ConftestModel, build_model
from codemods.analysis.units import UnitKind
from codemods.audit.probe import Interpreter
from codemods.config import Settings, load_settings
from codemods.diffs import unified_diff
from codemods.errors import ConfigError, InputError
from codemods.generated import (
    GENERATED_NAMES,
    RUNTIME_STEM,
    backup_path,
    is_orchestrator,
    runtime_path,
    runtime_reference,
    runtime_text,
    written_by_us,
)
from codemods.io import FileChange, SourceFile, encode_text, read_source, write_atomically
from codemods.journal import recover_interrupted_writes
from codemods.layers import Layer
from codemods.lazy import (
    declared_imports,
    explain,
    judge_imports,
    kept_eager,
    lazy_decisions,
    make_imports_lazy,
)
from codemods.plan.lazy_imports import Decision, LazyOptions
from codemods.plan.plan_file import dump_plan, load_plan
from codemods.plan.planner import PlanInputs, SplitPlan, plan_split, unit_key
from codemods.render.conservation import check_conservation
from codemods.render.formatting import black_line_length
from codemods.render.layer_modules import render_layer_modules
from codemods.render.orchestrator import render_orchestrator
from codemods.rules.discovery import discover
from codemods.scan import ExternalUses, first_party_packages, scan_external_uses


@dataclass(frozen=True)
class MigrationResult:
    """Everything ``migrate`` would write, and what to tell the user about it."""

    source: Path
    changes: tuple[FileChange, ...] = ()
    summary: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    plan: SplitPlan | None = field(default=None, repr=False)
    lazy: tuple[Decision, ...] = ()
    """The heavy imports made lazy, one decision each (the summary lists them)."""
    asked: Interpreter | None = None
    """The interpreter asked which heavy modules are installed (``None``: none was asked)."""

    @property
    def nothing_to_do(self) -> bool:
        return not self.changes

    def diff(self, relative_to: Path | None = None) -> str:
        """A unified diff of every change, paths relative to ``relative_to`` (default: cwd)."""
        changes = ((change.path, change.old, change.new) for change in self.changes)
        return unified_diff(changes, relative_to or Path.cwd())

    def write(self) -> None:
        """Write every change or none; the conftest itself is replaced last."""
        write_atomically({change.path: change.data for change in self.changes}, last=self.source)


def migrate(
    path: Path,
    *,
    settings: Settings | None = None,
    config: Path | None = None,
    overrides: Mapping[str, Layer] | None = None,
    backup: bool = True,
    profile: bool | None = None,
    lazy: bool | None = None,
    measure_imports: bool = False,
    python: str | None = None,
    topmost: Path | None = None,
) -> MigrationResult:
    """Plan the split of the conftest at ``path``; nothing is written until ``write()``.

    ``path`` may be a directory: then every ``conftest.py`` under it (``migrate_tree``).
    ``topmost``: the directory of the highest conftest migrated together with this one, where
    the runtime goes when the project has no root marker (default: this conftest's).

    ``profile`` (default: the ``profile`` setting, on) puts ``@memory_profile`` on every
    fixture. The orchestrator loads the project's shared runtime
    (``conftest_codemods_runtime.py`` at the project root, ``codemods.generated``), which is
    written or refreshed with it; the original is kept as ``conftest.py.orig``.

    ``lazy`` (default: the ``lazy`` setting, on) defers the heavy imports of every layer module
    (``codemods.lazy``; proxies come from the runtime). Heavy means
    listed (built-in list and ``heavy-imports``), so the output is the same on every machine;
    ``measure_imports`` also counts imports measured above the thresholds, as ``lazy`` does.
    Whether a heavy module is installed is asked of ``python``, the interpreter the tests run
    with (default: an active virtualenv's, else the project root's ``.venv``, else this one;
    ``codemods.audit.probe.find_interpreter``); a heavy module it cannot find stays eager.

    Raises ``ConftestCodemodsError`` (exit code 2 in the CLI) on input it cannot handle.
    A write that a killed run left half done is first undone (or finished), so the plan
    starts from a whole tree.
    """
    if path.is_dir():
        return migrate_tree(
            path,
            settings=settings,
            config=config,
            backup=backup,
            profile=profile,
            lazy=lazy,
            measure_imports=measure_imports,
            python=python,
        )
    runtime = runtime_path(path.parent, topmost)
    for directory in dict.fromkeys([path.parent, runtime.parent]):
        recover_interrupted_writes(directory)
    if path.is_symlink():
        # Replacing the link with the orchestrator would silently unshare the file it points
        # to, and the split modules could not sit next to both the link and its target.
        raise InputError(
            path,
            f"is a symbolic link to {path.readlink()}",
            "replace the link with a copy of the file to migrate it",
        )
    source = read_source(path)
    if is_orchestrator(source.text):
        return MigrationResult(path, summary=(f"{path}: already migrated, nothing to do",))
    settings = settings or load_settings(path.parent, config)
    external = scan_external_uses(path, GENERATED_NAMES)
    plan = compute_plan(source, settings, overrides or {}, external)
    _refuse_foreign_files(path, plan, backup, runtime)
    line_length = black_line_length(path.parent)
    profiled = settings.profile if profile is None else profile
    package = (path.parent / "__init__.py").is_file()
    split = render_layer_modules(plan, path.name, line_length, profile=profiled, package=package)
    check_conservation(source, split, _extra_import_copies(plan))
    reference = runtime_reference(path.parent, runtime)
    orchestrator = render_orchestrator(plan, settings, line_length, runtime=reference)
    texts = {
        path.parent / f"{module.layer.module_stem}.py": module.text for module in split.modules
    }
    deferred = _Deferral()
    if settings.lazy if lazy is None else lazy:
        # After the conservation check, which compares the split with the input: deferring an
        # import is a separate transform with its own safety rules (codemods.plan.lazy_imports).
        deferred = _defer_heavy_imports(
            path, texts, settings, external, config, measure_imports, python
        )
        texts.update(deferred.texts)
    texts[path] = orchestrator
    texts[runtime] = runtime_text(path.parent)
    changes = [_change(target, text, source) for target, text in texts.items()]
    if backup:
        raw = path.read_bytes()
        changes.append(_change(backup_path(path), source.text, source, raw))
    return MigrationResult(
        path,
        tuple(sorted((c for c in changes if c.old != c.new), key=lambda c: c.path)),
        (*summarize(plan), *deferred.notes, *deferred.asked_line()),
        (*plan.warnings, *deferred.warnings),
        plan,
        deferred.lazy,
        deferred.asked,
    )


def migrate_tree(directory: Path, **options: Any) -> MigrationResult:
    """Migrate every ``conftest.py`` under ``directory`` (skipping what ``check`` skips:
    virtualenvs, caches, what git ignores), deepest first, as one write: either all of them
    are migrated or none. Already migrated ones are left alone. ``options`` as ``migrate``'s.

    Each orchestrator runs its layers in its own namespace under names unique to its directory,
    so nested migrated conftests work together in every import mode; they share one runtime.
    """
    found = [path for path in discover([directory]) if path.name == "conftest.py"]
    if not found:
        raise InputError(directory, "has no conftest.py", "pass a directory with tests")
    ordered = sorted(found, key=lambda path: (-len(path.parts), str(path)))
    topmost = ordered[-1].parent
    results = [migrate(path, topmost=topmost, **options) for path in ordered]
    changes = {change.path: change for result in results for change in result.changes}
    return MigrationResult(
        min(found, key=lambda path: len(path.parts)),
        tuple(sorted(changes.values(), key=lambda change: change.path)),
        tuple(f"{r.source}: {line}" for r in results for line in r.summary),
        tuple(f"{r.source}: {line}" for r in results for line in r.warnings),
        lazy=tuple(decision for result in results for decision in result.lazy),
        asked=next((result.asked for result in results if result.asked), None),
    )


@dataclass(frozen=True)
class _Deferral:
    """The layer modules after ``lazy``, and what to tell the user about each heavy import."""

    texts: Mapping[Path, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    """Imports made lazy (for the summary)."""
    warnings: tuple[str, ...] = ()
    """Heavy imports kept eager, with the reason."""
    lazy: tuple[Decision, ...] = ()
    asked: Interpreter | None = None

    def asked_line(self) -> tuple[str, ...]:
        if self.asked is None:
            return ()
        return (f"heavy modules installed where the tests run: asked {self.asked.describe()}",)


def _defer_heavy_imports(
    conftest: Path,
    layers: Mapping[Path, str],
    settings: Settings,
    external: ExternalUses,
    config: Path | None,
    measure_imports: bool,
    python: str | None,
) -> _Deferral:
    """Run the lazy-import transform on each layer module. Tests reach the layers' names through
    the orchestrator, so the names they import from ``conftest`` stay bound in every layer."""
    bindings = [b for text in layers.values() for b in declared_imports(ast.parse(text))]
    judge = judge_imports(
        bindings, conftest, settings, config=config, measure_imports=measure_imports, python=python
    )
    options = LazyOptions(external_names=external.names)
    texts: dict[Path, str] = {}
    notes: list[str] = []
    warnings: list[str] = []
    lazy: list[Decision] = []
    for target, text in layers.items():
        outcome = make_imports_lazy(
            text,
            heavy=judge.heavy,
            available=judge.available,
            options=options,
            support_module=RUNTIME_STEM,
        )
        texts[target] = outcome.code
        kept = outcome.kept()
        lazy += [d for d in outcome.decisions if d not in kept]
        notes += [f"{target.name}: {explain(d)}" for d in outcome.decisions if d not in kept]
        if kept and outcome.code != text:
            # Reasons name lines ("the decorator at line 23"): take them from the module as
            # written. Deferring is idempotent, so a second pass keeps exactly these imports.
            kept = kept_eager(
                lazy_decisions(
                    outcome.code, heavy=judge.heavy, available=judge.available, options=options
                )
            )
        warnings += [f"{target.name}: {explain(decision)}" for decision in kept]
    return _Deferral(texts, tuple(notes), tuple(warnings), tuple(lazy), judge.asked)


def compute_plan(
    source: SourceFile,
    settings: Settings,
    overrides: Mapping[str, Layer],
    external: ExternalUses | None = None,
) -> SplitPlan:
    """Parse, analyse and plan the split of ``source`` (no rendering, no writing).

    ``external`` is what the files around the conftest use of it (scanned when not given).
    """
    try:
        module = cst.parse_module(source.text)
    except cst.ParserSyntaxError as error:
        raise InputError(
            source.path,
            f"cannot parse at line {error.raw_line}: {error.message}",
            "libcst does not support this syntax yet",
        ) from None
    model = build_model(module, source.tree, source.text, module_fixtures(source.tree, source.text))
    _refuse_unresolvable_star_imports(source.path, model)
    unknown = sorted(set(overrides) - {unit_key(model, unit) for unit in model.units})
    if unknown:
        raise ConfigError(
            source.path,
            f"the plan names an unknown unit {unknown[0]!r}",
            "regenerate it with --plan",
        )
    inputs = PlanInputs(
        settings=settings,
        first_party=first_party_packages(source.path),
        external=external or scan_external_uses(source.path, GENERATED_NAMES),
        overrides=overrides,
    )
    return plan_split(model, inputs)


def _refuse_unresolvable_star_imports(path: Path, model: ConftestModel) -> None:
    """``from x import *`` is fine until code uses a name only it can provide: then which
    layer needs which import cannot be known, and guessing could break a test."""
    star = next((unit for unit in model.units if unit.star_import), None)
    if star is None:
        return
    unresolved = sorted({name for unit in model.units for name in unit.unresolved})
    if unresolved:
        shown = ", ".join(unresolved[:3]) + (", ..." if len(unresolved) > 3 else "")
        raise InputError(
            path,
            f"line {star.line}: cannot tell which names `import *` provides ({shown})",
            "import those names explicitly",
        )


def write_plan_file(path: Path, plan_path: Path, *, config: Path | None = None) -> SplitPlan:
    """Compute the plan for ``path`` and write it to ``plan_path`` for the user to edit."""
    source = read_source(path)
    if is_orchestrator(source.text):
        raise InputError(path, "already migrated", "edit the layer modules instead")
    plan = compute_plan(source, load_settings(path.parent, config), {})
    write_atomically({plan_path: dump_plan(plan, path.name).encode("utf-8")})
    return plan


def read_plan_file(plan_path: Path) -> Mapping[str, Layer]:
    return load_plan(plan_path)


def summarize(plan: SplitPlan) -> list[str]:
    """One line per layer (fixtures, hooks, other units), then pinned and moved-up units."""
    units = plan.model.units
    lines = []
    for layer in plan.used_layers():
        kinds = Counter(
            units[index].kind for index in plan.placements if plan.layer_of(index) is layer
        )
        fixtures = sum(len(units[i].fixtures) for i in plan.placements if plan.layer_of(i) is layer)
        others = sum(kinds.values()) - kinds[UnitKind.FIXTURE] - kinds[UnitKind.HOOK]
        loaded = "loaded when asked" if layer.gated else "always loaded"
        lines.append(
            f"{layer.module_stem}.py: {fixtures} fixtures, {kinds[UnitKind.HOOK]} hooks, "
            f"{others} other units ({loaded})"
        )
    pinned = [units[i].name for i, p in sorted(plan.placements.items()) if p.wish.pinned]
    moved = [
        f"{units[i].name} ({p.wish.layer.label} -> {p.layer.label})"
        for i, p in sorted(plan.placements.items())
        if p.layer > p.wish.layer and units[i].kind not in (UnitKind.HELPER, UnitKind.CONSTANT)
    ]
    if pinned:
        lines.append(f"pinned: {', '.join(pinned)}")
    if moved:
        lines.append(f"moved up by dependencies: {', '.join(moved)}")
    return lines


def _refuse_foreign_files(conftest: Path, plan: SplitPlan, backup: bool, runtime: Path) -> None:
    """Never overwrite a file that conftest-codemods did not write."""
    layers = [conftest.parent / f"{layer.module_stem}.py" for layer in plan.used_layers()]
    for target in [*layers, runtime]:
        if target.exists() and not written_by_us(_read_text(target)):
            raise InputError(
                target, "exists and was not written by conftest-codemods", "move it away first"
            )
    if backup and backup_path(conftest).exists():
        raise InputError(
            backup_path(conftest), "already exists", "move it away or pass --no-backup"
        )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror}", "check permissions") from None


def _extra_import_copies(plan: SplitPlan) -> list[str]:
    """The source of every copy of an import beyond the first (for conservation)."""
    module = plan.model.module
    return [
        module.code_for_node(module.body[index])
        for index, layers in plan.import_layers.items()
        for _ in range(len(layers) - 1)
    ]


def _change(target: Path, text: str, like: SourceFile, data: bytes | None = None) -> FileChange:
    old = read_source(target).text if target.exists() and target != like.path else None
    if target == like.path:
        old = like.text
    return FileChange(target, old, text, data if data is not None else encode_text(text, like))
