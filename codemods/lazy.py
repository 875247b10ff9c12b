"""The lazy-import engine: ``make_imports_lazy`` rewrites one module's text, ``judge_imports``
decides what is heavy and what is installed where the tests run.

CC007's fix calls both: ``fix --select CC007`` and the ``lazy`` command on the conftest modules
on disk, ``migrate`` on the layer modules it is about to write (laid over the disk). ``audit``
and ``gain`` judge with the same rules. The engine writes nothing.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from codemods.analysis.annotations import escaping_functions
from codemods.analysis.import_time import HEAVY_MODULES, import_time_nodes
from codemods.analysis.imports import ImportBinding, analyse_imports
from codemods.config import Settings, find_pyproject
from codemods.generated import (
    LAZY_HELPER,
    RUNTIME_STEM,
)
from codemods.interpreter import Interpreter, Probe, find_interpreter, import_base, run_probe
from codemods.plan.import_cost import ImportCost, measure, measured
from codemods.plan.import_warnings import ImportChecks, import_checks
from codemods.plan.lazy_imports import (
    Decision,
    IsAvailable,
    IsHeavy,
    LazyOptions,
    Strategy,
    decide,
)

if TYPE_CHECKING:
    import libcst as cst


@dataclass(frozen=True)
class LazyOutcome:
    """The rewritten text of one module and the decision taken for each heavy import."""

    code: str
    decisions: tuple[Decision, ...]


def kept_eager(decisions: Iterable[Decision]) -> list[Decision]:
    """The decisions that keep their import eager (each says why)."""
    return [d for d in decisions if d.strategy is Strategy.KEEP]


def configured(modules: Collection[str]) -> IsHeavy:
    """Heavy when the import is one of ``modules`` or inside one (``pandas.testing``)."""
    heavy = frozenset(modules)

    def is_heavy(binding: ImportBinding) -> str | None:
        parts = binding.qualified.split(".")
        for cut in range(1, len(parts) + 1):
            if ".".join(parts[:cut]) in heavy:
                return f"listed in heavy-imports ({'.'.join(parts[:cut])})"
        return None

    return is_heavy


def either(*rules: IsHeavy) -> IsHeavy:
    """The first rule's reason that calls a binding heavy."""

    def is_heavy(binding: ImportBinding) -> str | None:
        return next((why for rule in rules if (why := rule(binding)) is not None), None)

    return is_heavy


def make_imports_lazy(
    source: str | cst.Module,
    *,
    heavy: IsHeavy | Collection[str],
    available: IsAvailable,
    options: LazyOptions | None = None,
    support_module: str = RUNTIME_STEM,
) -> LazyOutcome:
    """Defer the heavy top-level imports of ``source`` where that is safe.

    ``heavy`` is a list of module names or a rule (see ``configured``, ``either`` and
    ``codemods.plan.import_cost.measured``); ``available`` tells whether a module is installed where
    the tests run (``judge_imports``). ``support_module``: ``RUNTIME_STEM`` for a layer module
    (its orchestrator registers the runtime), else the runtime's path relative to the module
    (``codemods.generated.runtime_reference``). Raises ``libcst.ParserSyntaxError`` on text libcst
    cannot parse.
    """
    import libcst as cst

    from codemods.transforms.lazy_imports import LazyImportsTransform
    from codemods.transforms.lazy_nodes import binds_at_top
    from codemods.transforms.quote_annotations import QuoteAnnotationsTransform

    rule = heavy if callable(heavy) else configured(heavy)
    text = source if isinstance(source, str) else source.code
    tree = _readable(text)
    if tree is None or _nothing_to_defer(tree, text, rule):
        return LazyOutcome(text, ())
    decisions = _decide(tree, text, rule, available, options)
    module = source if isinstance(source, cst.Module) else cst.parse_module(text)
    quoted = {d.binding.name for d in decisions if d.needs_quotes}
    if quoted:
        # Quoting changes no statement and no definition: the decisions still name them.
        module = module.visit(QuoteAnnotationsTransform(quoted, escaping_functions(tree)))
    transform = LazyImportsTransform(
        decisions, support_module=support_module, has_helper=binds_at_top(module, LAZY_HELPER)
    )
    return LazyOutcome(module.visit(transform).code, tuple(decisions))


def lazy_decisions(
    source: str,
    *,
    heavy: IsHeavy | Collection[str],
    available: IsAvailable,
    options: LazyOptions | None = None,
) -> tuple[Decision, ...]:
    """What ``make_imports_lazy`` decides for ``source``, without rewriting it (to report on
    a module as written)."""
    rule = heavy if callable(heavy) else configured(heavy)
    tree = _readable(source)
    if tree is None or _nothing_to_defer(tree, source, rule):
        return ()
    return tuple(_decide(tree, source, rule, available, options))


def _decide(
    tree: ast.Module,
    text: str,
    rule: IsHeavy,
    available: IsAvailable,
    options: LazyOptions | None,
) -> list[Decision]:
    """One decision per heavy import of ``text`` (parsed as ``tree``)."""
    return decide(analyse_imports(tree, text), rule, available, options or LazyOptions())


def _readable(text: str) -> ast.Module | None:
    """``text`` as the analysis reads it; ``None`` for syntax this Python cannot parse but libcst
    can (PEP 810's ``lazy import`` before 3.15): nothing in it can be analysed, so it is left
    as it is. Raises ``libcst.ParserSyntaxError`` when libcst cannot parse it either."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an invalid escape such as "\d" warns
            return ast.parse(text)
    except (SyntaxError, ValueError):
        import libcst as cst

        cst.parse_module(text)
        return None


def _nothing_to_defer(tree: ast.Module, text: str, rule: IsHeavy) -> bool:
    """Whether the module certainly has no heavy import and no lazy helper, known from its
    statements alone: most layer modules import nothing heavy, and then neither the analysis
    nor libcst's parse is needed."""
    if LAZY_HELPER in text:
        return False
    return not any(rule(binding) for binding in declared_imports(tree))


def declared_imports(tree: ast.Module) -> list[ImportBinding]:
    """Every import run while ``tree``'s module is imported, as the statement alone describes it
    (no uses: ``statement`` and ``alias`` are -1). Enough for an ``IsHeavy`` rule, which only
    looks at what is imported, and cheap to get."""
    found = []
    for node in import_time_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.asname or alias.name.partition(".")[0]
                found.append(_declared(name, alias.name, None, alias.asname, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                if alias.name != "*":
                    name = alias.asname or alias.name
                    found.append(_declared(name, module, alias.name, alias.asname, node.lineno))
    return found


def _declared(
    name: str, module: str, imported: str | None, asname: str | None, line: int
) -> ImportBinding:
    return ImportBinding(-1, -1, name, module, imported, asname is not None, line, (), (), False)


@dataclass(frozen=True)
class ImportJudge:
    """What counts as heavy and what is installed where the tests run, for some modules."""

    heavy: IsHeavy
    available: IsAvailable
    costs: Mapping[str, ImportCost]
    """The measured figures (empty when nothing was measured)."""
    asked: Interpreter | None = None
    """The interpreter asked what is installed (``None`` when nothing needed asking)."""
    imports: ImportChecks = field(default_factory=ImportChecks)
    """What importing each heavy, installed module did: its warnings, whether it imported
    cleanly (when asked: ``probe_warnings``)."""

    def informed(self, options: LazyOptions) -> LazyOptions:
        """``options`` with what importing the heavy modules did where the tests run."""
        return replace(
            options, import_warnings=self.imports.warnings, import_errors=self.imports.errors
        )


def listed_heavy(settings: Settings) -> IsHeavy:
    """Heavy by name: the built-in list and ``heavy-imports`` (which ``lazy --heavy`` extends)."""
    return configured({*HEAVY_MODULES, *settings.heavy_imports})


def judge_imports(
    bindings: Iterable[ImportBinding],
    conftest: Path,
    settings: Settings,
    *,
    config: Path | None = None,
    measure_imports: bool = True,
    threshold_ms: float | None = None,
    threshold_mb: float | None = None,
    python: str | None = None,
    probe_warnings: bool = False,
) -> ImportJudge:
    """The heavy rule and the availability test for ``bindings`` (imports of ``conftest`` or of
    modules beside it), shared by ``lazy``, ``migrate``, ``audit`` and CC007.

    Heavy is always what ``listed_heavy`` names; with ``measure_imports`` also what costs at
    least the thresholds (default: ``heavy-import-ms``/``heavy-import-mb``) in a clean
    subprocess, cached per interpreter and version. Availability is asked of ``python`` (the
    tests' interpreter; default: found by ``find_interpreter``) run as pytest would import the
    conftest. Only the modules that matter are probed: every import when measuring, else the
    listed ones; with none, no subprocess starts. ``probe_warnings`` also imports each heavy,
    installed module in the tests' interpreter (cached) to see which ones warn on import.
    """
    listed = listed_heavy(settings)
    modules = sorted(
        {
            binding.module
            for binding in bindings
            if not binding.module.startswith(".") and (measure_imports or listed(binding))
        }
    )
    versions = measure_imports or probe_warnings
    probe = probe_for(conftest, modules, config=config, python=python, versions=versions)
    heavy, costs = listed, {}
    if measure_imports:
        costs = measure(modules, probe)
        ms = settings.heavy_import_ms if threshold_ms is None else threshold_ms
        mb = settings.heavy_import_mb if threshold_mb is None else threshold_mb
        heavy = either(listed, measured(costs, ms, mb))
    checks = ImportChecks()
    if probe_warnings:
        wanted = {b.module for b in bindings if not b.module.startswith(".") and heavy(b)}
        checks = import_checks(sorted(wanted), probe)
    return ImportJudge(heavy, probe.available, costs, probe.asked, checks)


def interpreter_for(
    conftest: Path, *, config: Path | None = None, python: str | None = None
) -> Interpreter:
    """The interpreter the tests of ``conftest`` run with: ``python``, else the one
    ``find_interpreter`` discovers from the project root (``migrate --verify`` runs pytest with
    it: the tool's own interpreter may not even have pytest when installed with pipx)."""
    return find_interpreter(_project_root(conftest, config), python)


def probe_for(
    conftest: Path,
    modules: Sequence[str],
    *,
    config: Path | None = None,
    python: str | None = None,
    versions: bool = False,
) -> Probe:
    """``run_probe`` as pytest imports ``conftest``: from the project root (the directory of
    the ``pyproject.toml``), with ``import_base(conftest)`` on the path, asking ``python`` or
    the interpreter ``find_interpreter`` discovers (an active virtualenv, the root's ``.venv``,
    else this one)."""
    root = _project_root(conftest, config)
    interpreter = find_interpreter(root, python)
    return run_probe(
        interpreter.path,
        root,
        (import_base(conftest),),
        modules,
        origin=interpreter.origin,
        versions=versions,
    )


def explain(decision: Decision) -> str:
    """What was done with one heavy import and why, or why it stays eager."""
    what = f"`{decision.binding.name}` ({decision.binding.qualified})"
    if decision.strategy is Strategy.KEEP:
        return f"{what} kept eager: {decision.reason}"
    return f"{what} -> {decision.strategy.value}: {decision.reason} [heavy: {decision.heavy}]"


def _project_root(path: Path, config: Path | None) -> Path:
    """The directory of the ``pyproject.toml``; without one, the directory pytest puts on the
    path for ``path`` (never inside a package: the probe's ``python -c`` has its working
    directory on ``sys.path``, and a package's subpackages would shadow the standard library)."""
    pyproject = config or find_pyproject(path.parent.resolve())
    return pyproject.parent.resolve() if pyproject else import_base(path)
