"""The heavy imports that run while a conftest module is imported, and why each one stays.

Read from the text alone (``declared_imports``, the lazy step's own decisions), so this is the
``--no-measure`` estimate and, with measurement, the explanation of the figures. Heavy means
what ``lazy`` calls heavy: listed (built-in list, ``heavy-imports``) or measured above the
thresholds. Import costs come from ``audit``'s cache; ``measure_costs`` also measures the
always-loaded layers' own third-party imports (cached, so once per installed version).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from codemods.analysis.import_setup import UNUSED
from codemods.analysis.imports import TRY_GUARDED, ImportBinding
from codemods.analysis.name_uses import UseKind
from codemods.config import Settings
from codemods.gain.report import Blocker, EagerImport
from codemods.layers import Layer
from codemods.lazy import declared_imports, either, lazy_decisions, listed_heavy, probe_for
from codemods.plan.import_cost import ImportCost, measure, measured
from codemods.plan.import_warnings import import_checks
from codemods.plan.lazy_imports import Decision, IsHeavy, LazyOptions, Strategy

ALWAYS_LOADED_FILES = tuple(f"{layer.module_stem}.py" for layer in Layer if not layer.gated)


@dataclass(frozen=True)
class StaticView:
    before: tuple[EagerImport, ...]
    after: tuple[EagerImport, ...]
    blockers: tuple[Blocker, ...]


def static_view(
    conftest: Path,
    monolith: str,
    layers: Mapping[str, str],
    settings: Settings,
    *,
    config: Path | None = None,
    python: str | None = None,
    measure_costs: bool = False,
    read_by_others: Mapping[str, frozenset[str]] | None = None,
) -> StaticView:
    """``monolith`` is the conftest's text before, ``layers`` the always-loaded layer modules'
    texts after (file name -> text); ``read_by_others``: file name -> the names the layers
    above read from it. Blockers are judged as ``migrate``'s lazy step judges them, with what
    importing each still-eager heavy module does where the tests run."""
    trees = {name: ast.parse(text) for name, text in layers.items()}
    before = declared_imports(ast.parse(monolith))
    after = {name: declared_imports(tree) for name, tree in trees.items()}
    modules = sorted(
        {b.module for b in [*before, *(b for found in after.values() for b in found)]} - {""}
    )
    modules = [module for module in modules if not module.startswith(".")]
    probe = probe_for(conftest, modules, config=config, python=python, versions=True)
    costs = dict(measure(modules, probe, measure_missing=False))
    if measure_costs:
        third_party = [
            b.module
            for found in after.values()
            for b in found
            if _third_party(b.module, probe.version(b.module))
        ]
        costs.update(measure(third_party, probe))
    rule = either(
        listed_heavy(settings),
        measured(costs, settings.heavy_import_ms, settings.heavy_import_mb),
    )
    eager = sorted({b.module for found in after.values() for b in found if rule(b) is not None})
    checks = import_checks(eager, probe)
    blockers: list[tuple[float, Blocker]] = []
    for name, found in after.items():
        options = LazyOptions(
            external_names=(read_by_others or {}).get(name, frozenset()),
            effect_imports=frozenset(settings.effect_imports),
            import_warnings=checks.warnings,
            import_errors=checks.errors,
        )
        decisions = lazy_decisions(
            layers[name], heavy=rule, available=probe.available, options=options
        )
        by_line = {(d.binding.line, d.binding.name): d for d in decisions}
        for binding in found:
            if rule(binding) is None:
                continue
            cost = costs.get(binding.module)
            decision = by_line.get((binding.line, binding.name))
            why, remedy = explain_blocker(decision, name)
            what = f"{binding.qualified} ({name}:{binding.line})"
            blockers.append((_weight(cost), Blocker(what, why, remedy, _cost_text(cost))))
    blockers.sort(key=lambda pair: -pair[0])
    return StaticView(
        _eager(before, conftest.name, rule, costs),
        tuple(e for name, found in after.items() for e in _eager(found, name, rule, costs)),
        tuple(blocker for _, blocker in blockers),
    )


def explain_blocker(decision: Decision | None, layer: str) -> tuple[str, str]:
    """Why an import stays eager in ``layer``, and the one-line remedy. A read while the
    conftest is imported comes first: whatever else holds the import, that read alone would
    keep it eager (``_CLIENT = make_client()``)."""
    if decision is None:
        return (
            "it runs while the conftest is imported",
            "if only some fixtures need it, import it inside them",
        )
    if decision.strategy is not Strategy.KEEP:
        # Deferrable, yet eager: lazy imports were off, or the import is heavy only by this
        # measurement while migrate deferred the listed ones.
        return (
            "deferrable, but not deferred (lazy off, or heavy only as measured here)",
            "`conftest-codemods fix` (CC007) defers it; list it in `heavy-imports` or use "
            "`migrate --measure` to have migrate do it",
        )
    binding = decision.binding
    eager = next((use for use in binding.uses if use.kind.at_import), None)
    if eager is not None and eager.kind is UseKind.EVALUATED_ANNOTATION:
        return _read_at_import(eager.kind, eager.line), (
            f"quote the annotation at line {eager.line} or add `from __future__ import "
            "annotations`, then `conftest-codemods fix` (CC007)"
        )
    if eager is not None:
        return _read_at_import(eager.kind, eager.line), (
            f"if only gated tests need the unit at line {eager.line}, pin it there "
            "(`# conftest: services` or a plan edit); else move the read into a fixture"
        )
    if binding.side_effects:
        return decision.reason, _side_effect_remedy(binding.side_effects[0], layer)
    if binding.rebound:
        return decision.reason, "bind the name once, then `conftest-codemods fix` (CC007)"
    if binding.shares_line:
        return decision.reason, "put it on a line of its own, then `conftest-codemods fix` (CC007)"
    if binding.in_try:
        return decision.reason, _in_try_remedy(decision.reason)
    if "cannot be found" in decision.reason:
        return decision.reason, "install it where the tests run, or pass --python"
    if "other files import" in decision.reason:
        return decision.reason, f"import `{binding.name}` from its own module in those files"
    return decision.reason, "`conftest-codemods audit` shows who uses it"


def _read_at_import(kind: UseKind, line: int) -> str:
    return f"the {kind.value} at line {line} reads it while the conftest is imported"


def _side_effect_remedy(effect: str, layer: str) -> str:
    if effect.startswith(UNUSED):
        return (
            f"nothing in {layer} reads it: delete it there (a plan edit keeps it where it is read)"
        )
    if effect.startswith("placed after"):
        return "if it does not depend on that set-up, move it above it; then `fix` (CC007)"
    if "noqa" in effect:
        return "drop the `# noqa` unless it is imported for its effect"
    if effect.startswith(TRY_GUARDED) and "catches more than" in effect:
        return "catch only ImportError there, then `conftest-codemods fix` (CC007)"
    if effect.startswith((TRY_GUARDED, "inside a module-level")):
        return "if only some fixtures use it, move the block into them (or pin them to services)"
    return "keep it: the order is deliberate"


def _in_try_remedy(reason: str) -> str:
    """The remedy for an import in an optional-import ``try:`` that stays eager."""
    if "not installed here" in reason:
        return "nothing: where it is missing it costs nothing"
    if "`from` import" in reason:
        return "import the module there (`import x`) and read the name in the fixtures; then `fix`"
    if "raises" in reason:
        return "repair what its import needs where the tests run, or move the block into fixtures"
    if "not known to import cleanly" in reason:
        return "run `migrate` or `fix` where the tests run (they import it once to check)"
    return "if only some fixtures use it, move the block into them (or pin them to services)"


def _eager(
    bindings: Sequence[ImportBinding],
    file: str,
    rule: IsHeavy,
    costs: Mapping[str, ImportCost],
) -> tuple[EagerImport, ...]:
    return tuple(
        EagerImport(b.qualified, f"{file}:{b.line}", _cost_text(costs.get(b.module)))
        for b in bindings
        if rule(b) is not None
    )


def _third_party(module: str, version: str) -> bool:
    top = module.partition(".")[0]
    return bool(version) and version != "python" and top not in ("pytest", "_pytest")


def _weight(cost: ImportCost | None) -> float:
    """Sort key: the memory an import adds, then its time; unmeasured ones last."""
    if cost is None or cost.error:
        return -1.0
    return cost.rss_mb * 1000 + cost.cumulative_ms


def _cost_text(cost: ImportCost | None) -> str:
    if cost is None or cost.error:
        return ""
    return f"{cost.cumulative_ms:.0f} ms, +{cost.rss_mb:.1f} MB"
