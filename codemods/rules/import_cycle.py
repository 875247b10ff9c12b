"""CC015: an import cycle through a conftest module and the test-support modules it imports.

Which module of a cycle runs first depends on what pytest (or a test, or the orchestrator
loading a layer) happens to import first, so a cycle fails as "cannot import name ... from
partially initialized module" in some runs and import modes and not in others. The cycles come
from grimp's import graph of the conftest's import root (see ``analysis.import_graph``), built
once per root and shared by every file of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.analysis.import_graph import import_cycles
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.rule import Finding, Rule


class ImportCycle(Rule):
    code = "CC015"
    name = "import-cycle"
    summary = "An import cycle among conftest modules and the project modules they import."
    why = (
        "The module imported first decides whether the cycle breaks, so it fails with "
        "'partially initialized module' only in some runs and import modes. Break it: move "
        "what both modules need into a third module, or import inside the function that "
        "needs it."
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is FileRole.RUNTIME or "import" not in context.source.text:
            return
        path = context.path.resolve()
        lines = context.source.text.splitlines()
        for cycle in import_cycles(context.path.parent):
            if cycle.path == path:
                text = lines[cycle.line - 1] if cycle.line <= len(lines) else ""
                yield self.finding(
                    context,
                    cycle.line,
                    f"import cycle: {' -> '.join(cycle.chain)}",
                    col=len(text) - len(text.lstrip()) + 1,
                )
