"""CC006: Fixtures of one directory that request each other in a cycle.

pytest notices only when a test requests one of them, and then errors at that test's setup with
"recursive dependency"; the cycle is visible statically long before. A fixture requesting its
own name is an override of the one above, not a cycle.

A test that requests any fixture of the cycle errors at setup with 'recursive dependency'. Break
the cycle: extract what both need into a third fixture.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from codemods.analysis.cycles import cycle_path, cycles
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

CHECKED = frozenset({FileRole.CONFTEST, FileRole.LAYER})
"""The orchestrator defines no fixtures (CC002 reports any)."""


class FixtureCycle(Rule):
    code = "CC006"
    name = "fixture-cycle"

    INVALID = (
        Invalid(
            """\
import pytest


@pytest.fixture
def user(account):
    return {"name": "ada", "account": account["id"]}


@pytest.fixture
def account(user):
    return {"id": 1, "owner": user["name"]}
"""
        ),
    )
    VALID = (
        Valid(
            """\
import pytest


@pytest.fixture
def user_name():
    return "ada"


@pytest.fixture
def user(account, user_name):
    return {"name": user_name, "account": account["id"]}


@pytest.fixture
def account(user_name):
    return {"id": 1, "owner": user_name}
"""
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role not in CHECKED or "fixture" not in context.source.text:
            return
        graph: dict[str, set[str]] = defaultdict(set)
        for module in context.group.files.values():
            if module.role in CHECKED:
                for unit in module.fixtures.units:
                    for fixture in unit.fixtures:
                        graph[fixture.name] |= fixture.requests
        components = cycles(graph)
        if not components:
            return
        for unit in context.fixtures.units:
            for fixture in unit.fixtures:
                component = next((c for c in components if fixture.name in c), None)
                if component is not None:
                    path = " -> ".join(cycle_path(fixture.name, graph, component))
                    yield self.finding(
                        context, unit.line, f"fixture {fixture.name} is in a cycle: {path}"
                    )
