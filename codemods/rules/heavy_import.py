"""CC007: a heavy library imported at module level of a conftest module loaded in every run.

pytest imports the conftest before the first test, so ``import pandas`` there costs every run
(even ``pytest -k one_unit_test``) the library's import time and memory. Modules listed in
``__lazy_modules__`` (PEP 810) are imported lazily by the interpreter and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.analysis.import_time import imported_modules, is_heavy, lazy_modules
from codemods.plan.profiles import HEAVY_MODULES
from codemods.rules.base import Finding, Rule
from codemods.rules.context import FileContext, FileRole


class HeavyImport(Rule):
    code = "CC007"
    name = "heavy-import"
    summary = "A heavy library imported at module level of an always-loaded conftest module."
    why = (
        "Every test run pays the import before the first test. Import it inside the fixtures "
        "that use it, move those fixtures to a gated layer, or list the module in "
        "`heavy-imports` only if it really is slow (the built-in list covers pandas, numpy, "
        "torch and the like)."
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role in (FileRole.ORCHESTRATOR, FileRole.SUPPORT) or not context.always_loaded:
            return
        heavy = HEAVY_MODULES | frozenset(context.settings.heavy_imports)
        lazy = lazy_modules(context.tree)
        for imported in imported_modules(context.tree):
            if is_heavy(imported.module, heavy) and imported.module not in lazy:
                yield self.finding(
                    context,
                    imported.line,
                    f"`{imported.module}` is heavy and imported at module level of a conftest "
                    "loaded in every run: import it where it is used",
                    col=imported.col,
                )
