"""The library API behind the CLI: ``migrate`` computes every file of the split, and
``MigrationResult.write`` applies it atomically. Tests call these directly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from codemods.analysis.external_uses import ExternalUses, scan_external_uses
from codemods.analysis.fixture_usage import (
    Gates,
    Suite,
    Usage,
    fixture_scope,
    read_usage,
)
from codemods.analysis.model import ConftestModel
from codemods.analysis.module_walkers import module_walkers, package_root
from codemods.analysis.parsed import ParsedConftest
from codemods.analysis.units import UnitKind, alias_names
from codemods.config import DEFAULT_PATH_MARKERS, Settings, find_pyproject, load_settings
from codemods.discovery import discover
from codemods.errors import ConfigError, InputError
from codemods.formatting import project_style
from codemods.gain.assess import Mode as GainMode
from codemods.gain.assess import assess
from codemods.gain.report import Gain
from codemods.generated import (
    GENERATED_NAMES,
    backup_path,
    is_orchestrator,
    runtime_path,
    runtime_reference,
    written_by_us,
)
from codemods.interpreter import Interpreter
from codemods.io import (
    Changeset,
    FileChange,
    SourceFile,
    encode_text,
    read_source,
    write_atomically,
)
from codemods.journal import pending_recoveries, recover_interrupted_writes
from codemods.layers import Layer
from codemods.lazy import explain, kept_eager
from codemods.lint.runner import fix_files
from codemods.plan.import_time_values import deferred_values
from codemods.plan.lazy_imports import PEP_649, Decision, Strategy
from codemods.plan.plan_file import dump_plan, load_plan
from codemods.plan.planner import PlanInputs, SplitPlan, plan_split, unit_key
from codemods.plan.target_version import oldest_python
from codemods.pytest_config import find_pytest_config
from codemods.render.conservation import check_conservation
from codemods.render.layer_modules import render_layer_modules
from codemods.render.orchestrator import render_orchestrator
from codemods.rule_base.context import GroupContext, context_for, load_group
from codemods.rules.heavy_import import HeavyImport, planned_deferrals
from codemods.rules.memory_profile import MemoryProfile
from codemods.rules.stale_orchestrator import StaleOrchestrator
from codemods.transforms.extract_layer import trim_import
from codemods.wording import plural


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
    gain: Gain | None = None
    """What the default run costs before and after, and what keeps it heavy (``gain=``)."""

    @property
    def nothing_to_do(self) -> bool:
        return not self.changes

    @property
    def changeset(self) -> Changeset:
        """The changes as one unit; the conftest itself is replaced last."""
        return Changeset(self.changes, last=self.source)

    def diff(self, relative_to: Path | None = None) -> str:
        """A unified diff of every change, paths relative to ``relative_to`` (default: cwd)."""
        return self.changeset.diff(relative_to)

    def write(self) -> None:
        """Write every change or none; the conftest itself is replaced last."""
        self.changeset.write()


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
    dry_run: bool = False,
    path_markers: bool | None = None,
    gain: GainMode | None = None,
    topmost: Path | None = None,
) -> MigrationResult:
    """Plan the split of the conftest at ``path``; nothing is written until ``write()``.

    ``path`` may be a directory: then every ``conftest.py`` under it (``migrate_tree``).
    ``topmost``: the directory of the highest conftest migrated together with this one, where
    the runtime goes when the project has no root marker (default: this conftest's).

    The split is rendered, checked against the input (``check_conservation``), then the fixes
    ``fix`` runs are run over it, laid over the disk (``_run_fixers``): CC013, CC007 and CC004.

    ``profile`` (default: the ``profile`` setting, on) puts ``@memory_profile`` on every
    fixture (CC013's fix). The orchestrator loads the project's shared runtime
    (``conftest_codemods_runtime.py`` at the project root, ``codemods.generated``), which CC004's
    fix writes when it is missing or stale; the original is kept as ``conftest.py.orig``.

    ``path_markers`` (default: the ``path-markers`` setting, off) makes the orchestrator add
    and register a marker per test directory (``unit``/``integration``/``e2e``); the summary
    then says what that changes.

    ``lazy`` (default: the ``lazy`` setting, on) defers the heavy imports of every layer module
    (CC007's fix, with the engine ``codemods.lazy``; proxies come from the runtime). Heavy means
    listed (built-in list and ``heavy-imports``), so the output is the same on every machine;
    ``measure_imports`` also counts imports measured above the thresholds, as ``lazy`` does.
    Whether a heavy module is installed is asked of ``python``, the interpreter the tests run
    with (default: an active virtualenv's, else the project root's ``.venv``, else this one;
    ``codemods.interpreter.find_interpreter``); a heavy module it cannot find stays eager.

    ``gain`` (default: none) adds what the default run costs before and after, measured on
    temporary copies of the project or estimated (``codemods.gain``), to ``gain`` and to the
    end of the summary.

    Raises ``ConftestCodemodsError`` (exit code 2 in the CLI) on input it cannot handle.
    A write that a killed run left half done is first undone (or finished), so the plan
    starts from a whole tree. A ``dry_run`` never touches the tree: on a half-done write it
    raises ``InputError`` saying what the next real run will recover, since a diff against a
    half-written tree would show neither the tree before nor the one after.
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
            dry_run=dry_run,
            path_markers=path_markers,
        )
    runtime = runtime_path(path.parent, topmost)
    for directory in dict.fromkeys([path.parent, runtime.parent]):
        if not dry_run:
            recover_interrupted_writes(directory)
        elif pending := pending_recoveries(directory):
            raise InputError(
                directory,
                pending[0],
                "run migrate without --dry-run to recover; this dry run changed nothing",
            )
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
    settings = _with_path_markers(settings or load_settings(path.parent, config), path_markers)
    external = scan_external_uses(path, GENERATED_NAMES)
    plan = compute_plan(source, settings, overrides or {}, external)
    _refuse_foreign_files(path, plan, backup)
    style = project_style(path.parent)
    profiled = settings.profile if profile is None else profile
    package = (path.parent / "__init__.py").is_file()
    split = render_layer_modules(plan, path.name, style, profile=profiled, package=package)
    check_conservation(source, split, _extra_import_copies(plan))
    reference = runtime_reference(path.parent, runtime)
    orchestrator = render_orchestrator(plan, settings, style, runtime=reference)
    layers = {path.parent / f"{module.layer.module_stem}.py": module.text for module in split}
    texts = {**layers, path: orchestrator}
    changes = [_change(target, text, source) for target, text in texts.items()]
    if backup:
        raw = path.read_bytes()
        changes.append(_change(backup_path(path), source.text, source, raw))
    changeset = Changeset(tuple(changes), last=path)
    deferring = settings.lazy if lazy is None else lazy
    # The fixers run over the changeset, after the conservation check, which compares the
    # split with the input: each is a transform with its own safety rules (CC013 adds
    # decorators and nothing else, CC007 follows codemods.plan.lazy_imports, CC004 brings the
    # runtime the orchestrator loads).
    fixer_settings = _fixer_settings(settings, path, config, measure_imports, python)
    group = load_group(path.parent, fixer_settings, changeset.texts(), config, topmost)
    fixed = _run_fixers(changeset, group, list(layers), source, profiled, deferring)
    changes = list(fixed.changeset.changes)
    result = MigrationResult(
        path,
        tuple(sorted((c for c in changes if c.old != c.new), key=lambda c: c.path)),
        (
            *summarize(plan, lazy=deferring),
            *_path_markers_line(settings),
            *fixed.notes,
            *fixed.asked_line(),
        ),
        (*plan.warnings, *fixed.warnings, *_module_walkers_warning(path, changes)),
        plan,
        fixed.lazy,
        fixed.asked,
    )
    if gain is None or result.nothing_to_do:
        return result
    found = assess(result, gain, settings, config=config, python=python)
    return replace(result, summary=(*result.summary, *found.lines()), gain=found)


def _module_walkers_warning(conftest: Path, changes: list[FileChange]) -> tuple[str, ...]:
    """Name the tests that list the package's modules: they will find the new ones too."""
    new = sorted(c.path.stem for c in changes if c.old is None and c.path.suffix == ".py")
    root = package_root(conftest)
    walkers = module_walkers(root) if new else []
    if not walkers:
        return ()
    where = ", ".join(
        f"{w.path.relative_to(root.parent).as_posix()}:{w.line} ({w.how})" for w in walkers
    )
    return (
        f"{len(walkers)} test call(s) list the modules or .py files of {root.name}/ and will "
        f"also find the new {', '.join(new)}: {where} (exclude conftest_* there, or expect "
        "new test ids)",
    )


def _with_path_markers(settings: Settings, wanted: bool | None) -> Settings:
    """``settings`` with ``--path-markers``/``--no-path-markers`` applied (``None``: as set)."""
    if wanted is None:
        return settings
    markers = (settings.path_markers or DEFAULT_PATH_MARKERS) if wanted else {}
    return replace(settings, path_markers=dict(markers))


def _path_markers_line(settings: Settings) -> tuple[str, ...]:
    """One summary line saying what opted-in path markers change (none when off)."""
    markers = settings.path_markers or {}
    if not markers:
        return ()
    directories = ", ".join(f"{directory}/" for directory in markers)
    names = ", ".join(dict.fromkeys(markers.values()))
    return (
        f"path markers: tests under {directories} get the registered markers {names}, so `-m` "
        "selects them, hooks see them and --strict-markers accepts them (off without "
        "--path-markers)",
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
class _Fixed:
    """The changeset after the fixers, and what to tell the user about each heavy import."""

    changeset: Changeset
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


def _run_fixers(
    changeset: Changeset,
    group: GroupContext,
    layers: Sequence[Path],
    conftest: SourceFile,
    profile: bool,
    lazy: bool,
) -> _Fixed:
    """Run the fixes ``fix`` runs over the files of ``changeset``, laid over the disk as
    ``group``'s overlay: CC013's (``profile``: ``@memory_profile`` on each fixture), then
    CC007's (``lazy``: defer the heavy imports) on the layer modules, then CC004's on the
    orchestrator, which brings the project's runtime when it is missing or stale. Say what
    CC007 deferred and kept eager, and why.

    CC007's fix reads which names the tests and the layers above need bound in each module
    from the overlay (``FileContext.read_by_others``). Its reasons name lines ("the decorator at
    line 23"): they are taken from each module as it stands before and after it."""
    fixes = fix_files(group, layers, [MemoryProfile()]) if profile else []
    planned = {path: planned_deferrals(context_for(path, group)) for path in layers} if lazy else {}
    if lazy:
        fixes += fix_files(group, layers, [HeavyImport()])
    fixes += fix_files(group, [conftest.path], [StaleOrchestrator()])
    fixed = {fix.path: fix.new for fix in fixes}
    notes: list[str] = []
    warnings: list[str] = []
    deferred: list[Decision] = []
    for path, plan in planned.items():
        made_lazy = [d for d in plan.decisions if d.strategy is not Strategy.KEEP]
        deferred += made_lazy
        notes += [f"{path.name}: {explain(decision)}" for decision in made_lazy]
        kept = planned_deferrals(group.files[path]) if path in fixed else plan
        warnings += [f"{path.name}: {explain(decision)}" for decision in kept_eager(kept.decisions)]
    asked = next((plan.asked for plan in planned.values() if plan.asked is not None), None)
    updated = changeset.with_texts(fixed, conftest)
    written = {change.path for change in changeset.changes}
    brought = [_change(path, text, conftest) for path, text in fixed.items() if path not in written]
    return _Fixed(
        replace(updated, changes=(*updated.changes, *brought)),
        tuple(notes),
        tuple(warnings),
        tuple(deferred),
        asked,
    )


def _fixer_settings(
    settings: Settings,
    conftest: Path,
    config: Path | None,
    measure_imports: bool,
    python: str | None,
) -> Settings:
    """``settings`` as ``migrate`` hands them to the fixes it runs: CC013 adds decorators and
    moves none; CC007 looks at every layer module it writes, with the oldest Python the project
    supports and ``--measure``/``--python``."""
    return replace(
        settings,
        memory_profile_moves=False,
        heavy_imports_in_gated_layers=True,
        target_version=_annotations_target(conftest, config),
        measure_imports=measure_imports,
        python=python,
    )


def _annotations_target(conftest: Path, config: Path | None) -> tuple[int, int]:
    """The oldest Python the project supports, up to 3.14: from there on annotations need no
    quoting; PEP 810 syntax (3.15) is the ``lazy`` command's, on request."""
    pyproject = config or find_pyproject(conftest.parent.resolve())
    return min(oldest_python(pyproject), PEP_649)


def compute_plan(
    source: SourceFile,
    settings: Settings,
    overrides: Mapping[str, Layer],
    external: ExternalUses | None = None,
) -> SplitPlan:
    """Parse, analyse and plan the split of ``source`` (no rendering, no writing).

    ``external`` is what the files around the conftest use of it (scanned when not given).
    """
    model = ParsedConftest(source).model
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
        usage=read_test_usage(source.path, model, settings),
        external=external or scan_external_uses(source.path, GENERATED_NAMES),
        overrides=overrides,
    )
    return plan_split(model, inputs)


def read_test_usage(conftest: Path, model: ConftestModel, settings: Settings) -> Usage:
    """Which of the conftest's fixtures the tests below it reach, grouped as the orchestrator
    will gate them (pytest's ``python_files`` and rootdir, the settings' markers and paths)."""
    config = find_pytest_config(conftest.parent.resolve())
    suite = Suite.below(conftest.parent, config, GENERATED_NAMES)
    scope = fixture_scope(fixture for unit in model.units for fixture in unit.fixtures)
    return read_usage(suite, scope, Gates.from_settings(settings))


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


def summarize(plan: SplitPlan, *, lazy: bool = True) -> list[str]:
    """One line per layer (fixtures, hooks, other units), then pinned and moved-up units, then
    the units that look gated but stay always loaded because default-run tests need them
    (``lazy``: their heavy imports are deferred)."""
    units = plan.model.units
    lines = []
    for layer in plan.used_layers():
        kinds = Counter(
            units[index].kind for index in plan.placements if plan.layer_of(index) is layer
        )
        fixtures = sum(len(units[i].fixtures) for i in plan.placements if plan.layer_of(i) is layer)
        others = sum(kinds.values()) - kinds[UnitKind.FIXTURE] - kinds[UnitKind.HOOK]
        loaded = "loaded when asked" if layer.gated else "always loaded"
        counts = ", ".join(
            (
                plural(fixtures, "fixture"),
                plural(kinds[UnitKind.HOOK], "hook"),
                plural(others, "other unit"),
            )
        )
        lines.append(f"{layer.module_stem}.py: {counts} ({loaded})")
    pinned = [units[i].name for i, p in sorted(plan.placements.items()) if p.wish.pinned]
    moved = [
        f"{units[i].name} ({p.wish.layer.label} -> {p.layer.label})"
        for i, p in sorted(plan.placements.items())
        if p.layer > p.wish.layer and units[i].kind not in (UnitKind.HELPER, UnitKind.CONSTANT)
    ]
    lines += deferred_values(plan)
    if pinned:
        lines.append(f"pinned: {', '.join(pinned)}")
    if moved:
        lines.append(f"moved up by dependencies: {', '.join(moved)}")
    needed = [
        f"{units[i].name} ({p.wish.looks_like.label})"
        for i, p in sorted(plan.placements.items())
        if p.wish.looks_like is not None and not p.layer.gated
    ]
    if needed:
        deferred = ", their heavy imports deferred" if lazy else ""
        lines.append(
            f"always loaded because default-run tests need them{deferred}: {', '.join(needed)}"
        )
    return lines


def _refuse_foreign_files(conftest: Path, plan: SplitPlan, backup: bool) -> None:
    """Never overwrite a file that conftest-codemods did not write (the runtime: CC004's fix
    refuses it, ``codemods.generated.runtime_to_write``)."""
    layers = [conftest.parent / f"{layer.module_stem}.py" for layer in plan.used_layers()]
    for target in layers:
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
    """The source of every copy of an import beyond the first (for conservation), alias by
    alias, since a copy may keep only some of the statement's names."""
    module = plan.model.module
    extra = []
    for index, layers in plan.import_layers.items():
        statement = module.body[index]
        trimmed = plan.import_aliases.get(index, {})
        if not trimmed:
            extra += [module.code_for_node(statement)] * (len(layers) - 1)
            continue
        count = len(alias_names(statement) or [])
        for number in range(count):
            copies = sum(number in trimmed.get(layer, range(count)) for layer in layers)
            alias = trim_import(statement, [number])
            extra += [module.code_for_node(alias)] * (copies - 1)
    return extra


def _change(target: Path, text: str, like: SourceFile, data: bytes | None = None) -> FileChange:
    old = read_source(target).text if target.exists() and target != like.path else None
    if target == like.path:
        old = like.text
    return FileChange(target, old, text, data if data is not None else encode_text(text, like))
