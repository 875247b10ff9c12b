"""CC004: The orchestrator or the shared runtime differs from what the toolkit writes now.

The orchestrator's layer list and fixture -> layer map no longer match the layer modules beside
it (a fixture was renamed or moved, a layer appeared), or the project's
``conftest_codemods_runtime.py`` (reported on the orchestrator that loads it) is missing or not
the one this version of the toolkit writes. The map decides which gated layer loads when a test
needs a fixture: a stale one loads the wrong layer, and the test fails with "fixture not found".
A runtime from another version may not match the orchestrators that load it. Both are compared
modulo formatting: what black, ruff-format or isort change in them is not a finding.

The orchestrator's fixture -> module map and layer list are generated from the layer modules;
when they drift, a test that needs a gated fixture may load the wrong module or none.
``conftest-codemods fix`` regenerates it (unless it holds hand-written definitions, see CC002:
move those first).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from codemods.generated import runtime_text, same_code
from codemods.io import lf_newlines
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import ORCHESTRATOR, RUNTIME, Invalid, Valid
from codemods.rule_base.rule import Finding, Rule
from codemods.rules.orchestrator_definitions import foreign_definitions

_PROJECT = {
    "pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
    "tests/conftest.py": ORCHESTRATOR,
    "tests/conftest_base.py": """\
import pytest


@pytest.fixture
def settings():
    return {"env": "test"}
""",
}


_STALE_ORCHESTRATOR = "the orchestrator does not match the layer modules beside it"


class StaleOrchestrator(Rule):
    code = "CC004"
    name = "stale-orchestrator"
    fixable = True

    INVALID = (Invalid(_PROJECT, fixed={"conftest_codemods_runtime.py": RUNTIME}),)
    VALID = (Valid({**_PROJECT, "conftest_codemods_runtime.py": RUNTIME}),)

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is not FileRole.ORCHESTRATOR:
            return
        runtime = context.group.runtime
        if _stale_runtime(context, runtime):
            yield self.finding(
                context,
                1,
                f"the shared runtime {runtime.name} at the project root is missing or not the "
                "one this version of conftest-codemods writes (`conftest-codemods fix` writes it)",
                fixable=True,
            )
        expected = context.group.expected_orchestrator
        current = lf_newlines(context.source.text)
        if same_code(current, expected):
            return  # formatted by the user's formatter (black, ruff-format, isort) is current
        line = _first_difference(current, expected)
        yield self.finding(
            context,
            line,
            f"{_STALE_ORCHESTRATOR} (regenerate it with `conftest-codemods fix`)",
            fixable=not foreign_definitions(context),
        )

    def fix(self, context: FileContext, findings: Sequence[Finding]) -> str | None:
        """The orchestrator regenerated when it is stale; as it is when only the runtime is
        (the companion brings that one), so a formatter's layout of it is kept."""
        if not any(finding.fixable for finding in findings):
            return None
        if any(finding.message.startswith(_STALE_ORCHESTRATOR) for finding in findings):
            return context.group.expected_orchestrator
        return context.source.text

    def companions(self, context: FileContext) -> Mapping[Path, str]:
        return context.group.runtime_companion()


def _stale_runtime(context: FileContext, runtime: Path) -> bool:
    text = context.group.read_text(runtime)
    return text is None or not same_code(text, runtime_text(context.path.parent))


def _first_difference(current: str, expected: str) -> int:
    for number, (old, new) in enumerate(
        zip(current.splitlines(), expected.splitlines(), strict=False), 1
    ):
        if old != new:
            return number
    return min(len(current.splitlines()), len(expected.splitlines())) + 1
