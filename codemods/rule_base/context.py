"""The facts rules read, computed once per file and shared by every rule.

Files are checked a directory at a time: a migrated directory's orchestrator and layer modules
only make sense together (which layer defines a fixture, whether the generated map is stale), so
a ``GroupContext`` holds every conftest module of one directory, parsed at most once.

Most facts come from the ``ast`` (units, fixtures, imports and their uses), which CPython
builds in C. libcst is imported and run only when a rule needs the full model (layer rules on
migrated files) or a fix rewrites a file: ``check`` on a hand-written conftest never pays for
it, and its import alone costs as much as parsing a 2,000-line file.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from codemods.analysis.external_uses import scan_external_uses
from codemods.analysis.fixtures import ModuleFixtures, imported_factories
from codemods.analysis.import_time import (
    HEAVY_MODULES,
    ImportedModule,
    import_aliases,
    imported_modules,
    is_heavy,
    lazy_modules,
)
from codemods.analysis.imports import ImportBinding, ImportsAnalysis, analyse_imports
from codemods.analysis.lower_layer_reads import declared_reads
from codemods.analysis.parsed import ParsedConftest
from codemods.analysis.statements import StatementUnit, statement_units
from codemods.config import Settings
from codemods.generated import (
    GENERATED_NAMES,
    LAYER_FILES,
    LEGACY_FILES,
    is_orchestrator,
    loaded_runtime,
    recorded_path_markers,
    runtime_path,
    runtime_reference,
    runtime_to_write,
    written_by_us,
)
from codemods.io import SourceFile, check_compiles, detect_newline, read_source
from codemods.layers import Layer
from codemods.pytest_config import PytestConfig, find_pytest_config

if TYPE_CHECKING:
    import libcst as cst

    from codemods.analysis.model import ConftestModel
    from codemods.lazy import ImportJudge


class FileRole(enum.Enum):
    CONFTEST = "conftest"
    """A hand-written ``conftest.py``."""
    ORCHESTRATOR = "orchestrator"
    """A ``conftest.py`` that ``migrate`` generated."""
    LAYER = "layer"
    """``conftest_<layer>.py`` written by ``migrate`` (or beside its orchestrator)."""
    RUNTIME = "runtime"
    """A support module an earlier version of ``migrate`` or ``lazy`` wrote beside a conftest
    (the project's shared runtime is checked with the orchestrator that loads it, CC004)."""
    SUPPORT = "support"
    """Any other ``conftest*.py`` module."""


@dataclass
class FileContext:
    """One conftest module: its source and ``ast``, and facts derived on demand (the libcst
    tree and model only for the rules and fixes that ask for them)."""

    path: Path
    source: SourceFile
    role: FileRole
    layer: Layer | None
    group: GroupContext = field(repr=False)

    @property
    def settings(self) -> Settings:
        return self.group.settings

    @property
    def tree(self) -> ast.Module:
        return self.source.tree

    @cached_property
    def units(self) -> tuple[StatementUnit, ...]:
        """The top-level statements, as libcst numbers them, read from the ``ast``."""
        return statement_units(self.tree, self.source.text)

    @cached_property
    def parsed(self) -> ParsedConftest:
        """The parse and the model, shared with ``migrate`` and ``graph`` (built on demand)."""
        return ParsedConftest(self.source, self._imported_factories())

    @property
    def module(self) -> cst.Module:
        """The libcst tree, parsed only for rules that need it (the ``ast`` is already there)."""
        return self.parsed.module

    @property
    def fixtures(self) -> ModuleFixtures:
        """Every fixture, per top-level statement, read from the ``ast`` (a few ms)."""
        return self.parsed.fixtures

    @property
    def model(self) -> ConftestModel:
        """Units, names, fixtures and edges on the libcst tree; the costly part (it needs the
        libcst parse), so built only for the rules that need the edges or the nodes."""
        return self.parsed.model

    @cached_property
    def imports(self) -> ImportsAnalysis:
        """Where each module-level import is used and what keeps it eager (CC007)."""
        return analyse_imports(self.tree, self.source.text)

    @cached_property
    def heavy_imports(self) -> tuple[ImportedModule, ...]:
        """The heavy module-level imports CC007 reports, read from the ``ast``: none where
        they do not matter (``heavy_imports_matter``), and none PEP 810 already makes lazy."""
        if not self.heavy_imports_matter:
            return ()
        heavy = HEAVY_MODULES | frozenset(self.settings.heavy_imports)
        lazy = lazy_modules(self.tree)
        return tuple(
            imported
            for imported in imported_modules(self.tree)
            if is_heavy(imported.module, heavy) and imported.module not in lazy
        )

    def _imported_factories(self) -> frozenset[str]:
        """Names of fixture factories this layer module reads from a lower layer: every layer
        runs in the conftest's namespace, so a lower layer's factory is bound here unless this
        module binds the name itself (or imports it under another name).

        ``migrate`` leaves ``make_fixture`` in base and may move ``x = make_fixture(...)`` up;
        without this the rebuilt plan would not count ``x`` as a fixture.
        """
        if self.role is not FileRole.LAYER or self.layer is None:
            return frozenset()
        lower = {
            layer.module_stem: context.fixtures.factories
            for layer, context in self.group.layers.items()
            if layer < self.layer  # imports only go down, so this cannot recurse into itself
        }
        return imported_factories(self.tree, lower)

    @cached_property
    def read_by_others(self) -> frozenset[str]:
        """Names other files read from this module's namespace, which must stay bound in it:
        what the tests import from ``conftest`` and, in a layer module, what the layers above
        declare they read from it (they read it through the conftest's namespace)."""
        names = self.group.imported_from_conftest
        if self.role is not FileRole.LAYER or self.layer is None:
            return names
        stem = self.layer.module_stem
        upper = [context for layer, context in self.group.layers.items() if layer > self.layer]
        return names.union(*(declared_reads(context.tree, stem) for context in upper))

    @cached_property
    def imports_of_lower_layers(self) -> dict[str, str]:
        """What the names a layer module may read from a lower layer are imported as there
        (``conftest_base.np`` -> ``numpy``): a fixture using ``np`` uses numpy, wherever the
        import that binds it sits."""
        if self.role is not FileRole.LAYER or self.layer is None:
            return {}
        return {
            f"{layer.module_stem}.{name}": qualified
            for layer, context in self.group.layers.items()
            if layer < self.layer
            for name, qualified in context.aliases.items()
        }

    @cached_property
    def aliases(self) -> dict[str, str]:
        return import_aliases(self.tree)

    @property
    def always_loaded(self) -> bool:
        """Whether pytest imports this module in every run."""
        return self.layer is None or not self.layer.gated

    @property
    def heavy_imports_matter(self) -> bool:
        """Whether CC007 looks at this module: a conftest or layer module pytest imports in
        every run, or any layer module when ``migrate`` runs the fix
        (``Settings.heavy_imports_in_gated_layers``)."""
        if self.role in (FileRole.ORCHESTRATOR, FileRole.SUPPORT):
            return False
        return self.always_loaded or self.settings.heavy_imports_in_gated_layers


@dataclass
class GroupContext:
    """The conftest modules of one directory, and the configuration that applies to them."""

    directory: Path
    settings: Settings
    config: Path | None = None
    """The ``pyproject.toml`` given with ``--config`` (``None``: found from the directory),
    whose directory is the project root the tests' interpreter is asked from."""
    topmost: Path | None = None
    """The directory of the topmost conftest ``migrate`` splits together with this one, where
    the runtime goes when the project has no root marker (``None``: this directory)."""
    files: dict[Path, FileContext] = field(default_factory=dict)
    import_judges: dict[tuple[Path, tuple[ImportBinding, ...]], ImportJudge] = field(
        default_factory=dict
    )
    """CC007's judgements of a file's imports (heavy, installed, what importing them does),
    made once per run of the group."""
    overlay: dict[Path, str] = field(default_factory=dict)
    """Files read from here instead of the disk (path -> text): the files ``migrate`` is about
    to write, when its fixers run, and the companion files a fix is about to write, so the
    checks after it see them."""

    def read_text(self, path: Path) -> str | None:
        """``path`` as it will be, overlay on the disk; ``None`` when it does not exist."""
        if path in self.overlay:
            return self.overlay[path]
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    @property
    def runtime(self) -> Path:
        """The project's shared runtime, which this directory's orchestrator loads: where its
        loader points, else where ``migrate`` puts it (``runtime_path``)."""
        orchestrator = self.orchestrator
        if orchestrator is not None:
            loaded = loaded_runtime(orchestrator.path, orchestrator.source.text)
            if loaded is not None:
                return loaded
        return runtime_path(self.directory, self.topmost)

    def current_text(self, path: Path) -> str | None:
        """``path``'s text before the fix about to write it: from the overlay, else from the
        disk (``None``: it does not exist). Unlike ``read_text``, a file that cannot be read
        faithfully is an error: the fix would overwrite it."""
        if path in self.overlay:
            return self.overlay[path]
        return read_source(path).text if path.exists() else None

    def runtime_companion(self) -> dict[Path, str]:
        """The runtime to write beside a fix that needs it: path -> this version's text, or
        nothing when the current one already is it (``codemods.generated.runtime_to_write``)."""
        runtime = self.runtime
        text = runtime_to_write(runtime, self.current_text(runtime), self.directory)
        return {} if text is None else {runtime: text}

    @cached_property
    def imported_from_conftest(self) -> frozenset[str]:
        """Names the tests under the directory import from ``conftest`` (scanned once)."""
        return scan_external_uses(self.directory / "conftest.py", GENERATED_NAMES).names

    @cached_property
    def pytest_config(self) -> PytestConfig | None:
        return find_pytest_config(self.directory.resolve())

    @cached_property
    def expected_orchestrator(self) -> str:
        """The orchestrator text ``migrate`` would generate for today's layer modules.

        Shared by the orchestrator rules: the stale-orchestrator rule compares the whole text,
        the definitions rule looks for statements the generator would never write.
        """
        # black and libcst are slow to import; only a directory with an orchestrator pays for them.
        from codemods.formatting import project_style
        from codemods.plan.reassemble import plan_from_layers
        from codemods.render.orchestrator import render_orchestrator

        plan = plan_from_layers({layer: context.model for layer, context in self.layers.items()})
        runtime = runtime_reference(self.directory, self.runtime)
        style = project_style(self.directory)
        settings = self.settings
        if settings.path_markers is None and self.orchestrator is not None:
            # Not configured: keep the choice ``migrate`` made (``--path-markers`` or not).
            recorded = recorded_path_markers(self.orchestrator.source.text)
            settings = replace(settings, path_markers=recorded)
        return render_orchestrator(plan, settings, style, runtime=runtime)

    @property
    def orchestrator(self) -> FileContext | None:
        conftest = self.files.get(self.directory / "conftest.py")
        return conftest if conftest and conftest.role is FileRole.ORCHESTRATOR else None

    @property
    def layers(self) -> dict[Layer, FileContext]:
        found = {
            c.layer: c
            for c in self.files.values()
            if c.role is FileRole.LAYER and c.layer is not None
        }
        return dict(sorted(found.items()))

    def reload(self, path: Path, text: str) -> FileContext:
        """Replace ``path``'s facts after a fix rewrote it to ``text``."""
        old = self.files[path].source
        source = replace(
            old, text=text, newline=detect_newline(text), tree=check_compiles(path, text)
        )
        context = _context(path, source, self)
        self.files[path] = context
        self.__dict__.pop("expected_orchestrator", None)
        return context


def load_group(
    directory: Path,
    settings: Settings,
    overlay: Mapping[Path, str] | None = None,
    config: Path | None = None,
    topmost: Path | None = None,
) -> GroupContext:
    """Every ``conftest.py`` and layer module in ``directory`` (other modules load on demand),
    read from ``overlay`` where it has them: ``migrate`` fixes the files it is about to write
    before writing any."""
    group = GroupContext(directory, settings, config, topmost, overlay=dict(overlay or {}))
    candidates = [directory / "conftest.py", *(directory / name for name in LAYER_FILES)]
    for path in candidates:
        if path in group.overlay or path.is_file():
            group.files[path] = _context(path, _read(path, group), group)
    return group


def context_for(path: Path, group: GroupContext) -> FileContext:
    if path not in group.files:
        group.files[path] = _context(path, _read(path, group), group)
    return group.files[path]


def _read(path: Path, group: GroupContext) -> SourceFile:
    """``path`` from the group's overlay, else from the disk."""
    if path not in group.overlay:
        return read_source(path)
    text = group.overlay[path]
    return SourceFile(path, text, "utf-8", detect_newline(text), check_compiles(path, text))


def _context(path: Path, source: SourceFile, group: GroupContext) -> FileContext:
    role, layer = _role(path, source.text, group)
    return FileContext(path, source, role, layer, group)


def _role(path: Path, text: str, group: GroupContext) -> tuple[FileRole, Layer | None]:
    if path.name == "conftest.py":
        return (FileRole.ORCHESTRATOR if is_orchestrator(text) else FileRole.CONFTEST), None
    if path.name in LEGACY_FILES and written_by_us(text):
        return FileRole.RUNTIME, None
    layer = LAYER_FILES.get(path.name)
    if layer is not None and (written_by_us(text) or _has_orchestrator(group)):
        return FileRole.LAYER, layer
    return FileRole.SUPPORT, None


def _has_orchestrator(group: GroupContext) -> bool:
    conftest = group.directory / "conftest.py"
    return conftest in group.files and group.files[conftest].role is FileRole.ORCHESTRATOR
