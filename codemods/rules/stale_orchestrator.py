"""CC004: the generated orchestrator no longer matches the layer modules beside it, or the
``@memory_profile`` runtime module is not the one this version of the toolkit writes.

The orchestrator's ``GATED_FIXTURES`` map decides which gated layer loads when a test needs a
fixture, and ``LAYERS`` which modules exist. After a fixture moves between layer modules (or a
layer appears), a stale map loads the wrong module and the test fails with "fixture not found".
A runtime module from another version may not match the orchestrator that registers it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from codemods.rules.base import Finding, Rule
from codemods.rules.context import FileContext, FileRole
from codemods.rules.generated import normalized, runtime_text
from codemods.rules.orchestrator_definitions import foreign_definitions


class StaleOrchestrator(Rule):
    code = "CC004"
    name = "stale-orchestrator"
    summary = "The orchestrator or runtime module differs from what the toolkit generates now."
    why = (
        "The orchestrator's fixture -> module map and layer list are generated from the layer "
        "modules; when they drift, a test that needs a gated fixture may load the wrong module "
        "or none. `conftest-codemods fix` regenerates it (unless it holds hand-written "
        "definitions, see CC002: move those first)."
    )
    fixable = True

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is FileRole.RUNTIME:
            if normalized(context.source.text) != normalized(runtime_text()):
                yield self.finding(
                    context,
                    1,
                    "the memory_profile support module is not the one this version of "
                    "conftest-codemods writes (regenerate it with `conftest-codemods fix`)",
                    fixable=True,
                )
            return
        if context.role is not FileRole.ORCHESTRATOR:
            return
        expected = context.group.expected_orchestrator
        current = normalized(context.source.text)
        if current == expected:
            return
        line = _first_difference(current, expected)
        yield self.finding(
            context,
            line,
            "the orchestrator does not match the layer modules beside it (regenerate it with "
            "`conftest-codemods fix`)",
            fixable=not foreign_definitions(context),
        )

    def fix(self, context: FileContext, findings: Sequence[Finding]) -> str | None:
        if not any(finding.fixable for finding in findings):
            return None
        if context.role is FileRole.RUNTIME:
            return runtime_text()
        return context.group.expected_orchestrator


def _first_difference(current: str, expected: str) -> int:
    for number, (old, new) in enumerate(
        zip(current.splitlines(), expected.splitlines(), strict=False), 1
    ):
        if old != new:
            return number
    return min(len(current.splitlines()), len(expected.splitlines())) + 1
