"""CC013: a fixture without ``@memory_profile``, or with it above ``@pytest.fixture`` (opt-in).

Under the fixture decorator, ``@memory_profile`` lets ``conftest-codemods profile`` and the
``memory_reporter`` fixture say which fixtures cost memory. Above it, pytest does not
discover the fixture at all (PYTEST_FACTS.md section 3).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import libcst as cst

from codemods.analysis import Unit
from codemods.analysis.fixtures import Fixture
from codemods.layers import Layer
from codemods.plan.profiles import ProfileTag, describe, estimate_impact
from codemods.rules.base import Finding, Rule
from codemods.rules.context import FileContext, FileRole
from codemods.transforms.add_memory_profile import (
    DECORATOR_NAME,
    AddMemoryProfileTransform,
    has_memory_profile,
)
from codemods.transforms.move_memory_profile import (
    MoveMemoryProfileTransform,
    is_memory_profile,
)


class MemoryProfile(Rule):
    code = "CC013"
    name = "memory-profile"
    summary = "A fixture without `@memory_profile`, or with it above `@pytest.fixture`."
    why = (
        "Put `@memory_profile(description, impact)` directly under `@pytest.fixture`. `fix` "
        "moves a misplaced decorator, and adds missing ones when the module already imports "
        '`memory_profile`. Opt-in: enable with `extend-select = ["CC013"]`.'
    )
    fixable = True
    default = False

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role not in (FileRole.CONFTEST, FileRole.LAYER):
            return
        if "fixture" not in context.source.text:
            return
        can_add = DECORATOR_NAME in context.model.binders
        for unit in context.model.units:
            for fixture in unit.fixtures:
                if fixture.function is None or fixture.decorator is None:
                    continue
                decorators = list(fixture.function.decorators)
                position = decorators.index(fixture.decorator)
                if any(is_memory_profile(d) for d in decorators[:position]):
                    yield self.finding(
                        context,
                        unit.line,
                        f"@{DECORATOR_NAME} above the fixture decorator of {fixture.name} hides "
                        "the fixture from pytest: put it directly under",
                        fixable=True,
                    )
                elif not has_memory_profile(fixture.function):
                    yield self.finding(
                        context,
                        unit.line,
                        f"fixture {fixture.name} has no @{DECORATOR_NAME}",
                        fixable=can_add,
                    )

    def fix(self, context: FileContext, findings: Sequence[Finding]) -> str | None:
        """Move misplaced decorators first; adding waits for the next pass.

        Both transforms find fixtures by their decorator nodes, which a libcst visit
        recreates, so each pass applies one transform to the freshly parsed module.
        """
        decorators: dict[cst.Decorator, tuple[Unit, Fixture]] = {}
        for unit in context.model.units:
            for fixture in unit.fixtures:
                if fixture.decorator is not None and fixture.function is not None:
                    decorators[fixture.decorator] = (unit, fixture)
        if any(finding.message.startswith(f"@{DECORATOR_NAME} above") for finding in findings):
            mover = MoveMemoryProfileTransform(set(decorators))
            return context.module.visit(mover).code
        layer = context.layer or Layer.BASE
        tags = {
            decorator: ProfileTag(describe(fixture), estimate_impact(layer, fixture, unit))
            for decorator, (unit, fixture) in decorators.items()
        }
        return context.module.visit(AddMemoryProfileTransform(tags)).code
