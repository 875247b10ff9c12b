"""CC005: an autouse fixture in a gated layer (services or e2e).

An autouse fixture is meant to run for every test, but a gated layer loads only when asked:
in the default run the fixture silently does not run at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.rule import Finding, Rule


class GatedAutouse(Rule):
    code = "CC005"
    name = "gated-autouse"
    summary = "An autouse fixture in a gated layer, so it does not run in the default run."
    why = (
        "Services and e2e load only when an env var, `-m`, a path or a test's fixtures ask. "
        "Move the fixture to conftest_base.py or conftest_mocks.py if every test needs it, or "
        "drop `autouse=True` and request it where it is needed."
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        layer = context.layer
        if context.role is not FileRole.LAYER or layer is None or not layer.gated:
            return
        if "autouse" not in context.source.text:
            return
        for unit in context.fixtures.units:
            for fixture in unit.fixtures:
                if fixture.autouse:
                    yield self.finding(
                        context,
                        unit.line,
                        f"autouse fixture {fixture.name} is in the gated {layer.label} layer "
                        "and does not run unless that layer is loaded",
                    )
