"""CC007: a heavy library imported at module level of a conftest module loaded in every run.

pytest imports the conftest before the first test, so ``import pandas`` there costs every run
(even ``pytest -k one_unit_test``) the library's import time and memory. Modules listed in
``__lazy_modules__`` (PEP 810) are imported lazily by the interpreter and are not reported.

The fix is the ``lazy`` transform (``codemods.lazy``) limited to the reported imports: it
defers an import only where that cannot change when anything runs. A lazy proxy comes from the
project's shared runtime (``conftest_codemods_runtime.py``, written or refreshed with the fix;
a module that is not a layer loads it by path). An import the transform
keeps eager stays reported, not fixable, with its reason.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from codemods.analysis.import_time import ImportedModule
from codemods.analysis.imports import ImportBinding
from codemods.generated import (
    RUNTIME_STEM,
    runtime_change,
    runtime_path,
    runtime_reference,
    runtime_text,
)
from codemods.lazy import (
    external_names,
    listed_heavy,
    make_imports_lazy,
    probe_for,
)
from codemods.plan.import_warnings import ImportChecks, import_checks
from codemods.plan.lazy_imports import (
    HELPER,
    IsAvailable,
    IsHeavy,
    LazyOptions,
    Strategy,
    decide,
)
from codemods.rules.base import Finding, Rule
from codemods.rules.context import FileContext, FileRole


class HeavyImport(Rule):
    code = "CC007"
    name = "heavy-import"
    level = "warning"
    summary = "A heavy library imported at module level of an always-loaded conftest module."
    why = (
        "Every test run pays the import before the first test. `conftest-codemods fix` defers "
        "it where that is safe (into the fixtures that use it, or a lazy module proxy); "
        "otherwise import it inside the fixtures that use it, move those fixtures to a gated "
        "layer, or list the module in `heavy-imports` only if it really is slow (the built-in "
        "list covers pandas, numpy, torch and the like)."
    )
    fixable = True

    def check(self, context: FileContext) -> Iterator[Finding]:
        flagged = context.heavy_imports
        if not flagged:
            return
        # What ``fix`` would decide, without rendering the transform: ``check`` needs only the
        # decisions, read from the file's ``ast`` import analysis (the one the transform reads).
        decisions = decide(context.imports, *_judged(context, flagged))
        stars = _star_import_lines(context.tree)
        for imported in flagged:
            mine = [d for d in decisions if _key(d.binding) == (imported.line, imported.module)]
            deferred = next((d for d in mine if d.strategy is not Strategy.KEEP), None)
            kept = next((d for d in mine if d.strategy is Strategy.KEEP), None)
            message = (
                f"`{imported.module}` is heavy and imported at module level of a conftest "
                "loaded in every run"
            )
            if deferred is not None:
                message += f": `fix` defers it ({deferred.strategy.value})"
            elif kept is not None:
                message += f"; `fix` keeps it eager: {kept.reason}"
            elif imported.line in stars:
                message += (
                    "; `fix` keeps it eager: a star import, whose names pytest reads as "
                    "fixtures and hooks from the module's namespace"
                )
            else:
                message += ": import it where it is used"
            yield self.finding(
                context, imported.line, message, col=imported.col, fixable=deferred is not None
            )

    def fix(self, context: FileContext, findings: Sequence[Finding]) -> str | None:
        lines = {finding.line for finding in findings}
        flagged = [i for i in context.heavy_imports if i.line in lines]
        heavy, available, options = _judged(context, flagged)
        directory = context.path.parent
        outcome = make_imports_lazy(
            context.module,
            heavy=heavy,
            available=available,
            options=options,
            support_module=RUNTIME_STEM
            if context.role is FileRole.LAYER
            else runtime_reference(directory, runtime_path(directory)),
        )
        if outcome.uses_helper:
            runtime_change(directory, context.source)  # refuses a runtime we did not write
        return outcome.code

    def companions(self, context: FileContext) -> Mapping[Path, str]:
        from codemods.transforms.lazy_nodes import binds_at_top  # libcst: only after a fix

        if not binds_at_top(context.module, HELPER):
            return {}
        return {runtime_path(context.path.parent): runtime_text(context.path.parent)}


def _judged(
    context: FileContext, flagged: Sequence[ImportedModule]
) -> tuple[IsHeavy, IsAvailable, LazyOptions]:
    """How the lazy transform judges ``context`` with exactly the ``flagged`` imports counted
    heavy (by name, as ``check`` reports them: nothing is measured, so findings are the same on
    every machine); ``check`` and ``fix`` must judge alike."""
    wanted = {(imported.line, imported.module) for imported in flagged}
    listed = listed_heavy(context.settings)

    def heavy(binding: ImportBinding) -> str | None:
        return listed(binding) if _key(binding) in wanted else None

    modules = tuple(sorted({imported.module for imported in flagged}))
    available, checks = _probed(context.path, modules)
    options = LazyOptions(
        external_names=external_names(context.path),
        effect_imports=frozenset(context.settings.effect_imports),
        import_warnings=checks.warnings,
        import_errors=checks.errors,
    )
    return heavy, available, options


@functools.lru_cache(maxsize=64)
def _probed(path: Path, modules: tuple[str, ...]) -> tuple[IsAvailable, ImportChecks]:
    """Which ``modules`` the tests' interpreter finds, which warn and which fail when imported
    (cached per version: ``fix`` must keep those eager as ``migrate`` does); one probe per file
    and module set, although ``fix`` checks a file before and after fixing it."""
    probe = probe_for(path, modules, versions=True)
    return probe.available, import_checks(modules, probe)


def _star_import_lines(tree: ast.Module) -> frozenset[int]:
    """Lines of top-level ``from x import *``: what they bind cannot be deferred or moved."""
    return frozenset(
        node.lineno
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.names[0].name == "*"
    )


def _key(binding: ImportBinding) -> tuple[int, str]:
    return binding.line, binding.module
