"""CC013: A fixture without ``@memory_profile``, or with it above ``@pytest.fixture``.

A fixture without ``@memory_profile(description, impact)``, or with it above ``@pytest.fixture``
(pytest then does not discover the fixture at all), or a fixture made by assignment
(``x = pytest.fixture(f)``) whose function is not wrapped in ``memory_profile(...)`` or
decorated with it. Under the fixture decorator, ``@memory_profile`` lets ``conftest-codemods
profile`` and the ``memory_reporter`` fixture say which fixtures cost memory. A decorator that
``fix`` adds carries a static impact estimate; without the import the finding is report-only.

Put ``@memory_profile(description, impact)`` directly under ``@pytest.fixture``. ``fix`` moves a
misplaced decorator, and adds missing ones when the module already imports ``memory_profile``.
Opt-in: enable with ``extend-select = ["CC013"]``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from codemods.generated import (
    runtime_binding,
    runtime_reference,
)
from codemods.layers import Layer
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

if TYPE_CHECKING:
    import libcst as cst

    from codemods.analysis.units import Unit

_PROFILED = """\
import pytest
from conftest_codemods_runtime import memory_profile


@pytest.fixture
@memory_profile("settings", "MINIMAL")
def settings():
    return {"env": "test"}


@pytest.fixture
@memory_profile("db conn", "MINIMAL")
def db_conn(tmp_path):
    import sqlite3

    return sqlite3.connect(tmp_path / "shop.db")
"""


class MemoryProfile(Rule):
    """pytest ignores a fixture decorated above ``@pytest.fixture``: PYTEST_FACTS.md section 3."""

    code = "CC013"
    name = "memory-profile"
    level = "warning"
    fixable = True
    default = False

    INVALID = (
        Invalid(
            """\
import pytest
from conftest_codemods_runtime import memory_profile


@memory_profile("settings", "MINIMAL")
@pytest.fixture
def settings():
    return {"env": "test"}


@pytest.fixture
def db_conn(tmp_path):
    import sqlite3

    return sqlite3.connect(tmp_path / "shop.db")
""",
            fixed=_PROFILED,
        ),
    )
    VALID = (Valid(_PROFILED),)

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role not in (FileRole.CONFTEST, FileRole.LAYER):
            return
        if "fixture" not in context.source.text:
            return
        # The rule reads libcst trees: its modules load when it runs, not with every ``check``.
        from codemods.analysis.memory_profiles import (
            DECORATOR_NAME,
            is_memory_profile,
            needs_memory_profile,
        )
        from codemods.plan.profiles import module_functions

        can_add = DECORATOR_NAME in context.model.binders or context.settings.bind_memory_profile
        functions = module_functions(context.model.units)
        for unit in context.model.units:
            for fixture in unit.fixtures:
                if fixture.function is None or fixture.decorator is None:
                    if needs_memory_profile(fixture, functions):
                        yield self.finding(
                            context,
                            unit.line,
                            f"fixture {fixture.name} (made by assignment) does not wrap its "
                            f"function in {DECORATOR_NAME}(...)",
                            fixable=can_add,
                        )
                    continue
                decorators = list(fixture.function.decorators)
                position = decorators.index(fixture.decorator)
                if any(is_memory_profile(d) for d in decorators[:position]):
                    yield self.finding(
                        context,
                        unit.line,
                        f"@{DECORATOR_NAME} above the fixture decorator of {fixture.name} hides "
                        "the fixture from pytest: put it directly under",
                        fixable=context.settings.memory_profile_moves,
                    )
                elif needs_memory_profile(fixture, functions):
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
        from codemods.analysis.memory_profiles import DECORATOR_NAME
        from codemods.formatting import format_added_lines, project_style
        from codemods.plan.profiles import profile_tags
        from codemods.render.conservation import check_only_profiles_added
        from codemods.transforms.add_memory_profile import AddMemoryProfileTransform
        from codemods.transforms.move_memory_profile import MoveMemoryProfileTransform

        decorators = {
            fixture.decorator
            for unit in context.model.units
            for fixture in unit.fixtures
            if fixture.decorator is not None and fixture.function is not None
        }
        if any(finding.message.startswith(f"@{DECORATOR_NAME} above") for finding in findings):
            fixed = context.module.visit(MoveMemoryProfileTransform(decorators))
        else:
            layer = context.layer or Layer.BASE
            tags = profile_tags(
                context.model.units, lambda unit: layer, context.imports_of_lower_layers
            )
            fixed = context.module.visit(AddMemoryProfileTransform(tags))
            check_only_profiles_added(context.path, context.source.text, fixed.code)
            if DECORATOR_NAME not in context.model.binders:
                fixed = _bind_memory_profile(context, fixed)
        # The lines we add, in the project's style: its formatter then has nothing to undo.
        style = project_style(context.path.parent)
        return format_added_lines(context.source.text, fixed.code, style)

    def companions(self, context: FileContext) -> Mapping[Path, str]:
        """The project's runtime, when ``profile-decorate`` asked to bind ``memory_profile``
        from it (a runtime conftest-codemods did not write is refused)."""
        if not context.settings.bind_memory_profile:
            return {}
        return context.group.runtime_companion()


def _bind_memory_profile(context: FileContext, module: cst.Module) -> cst.Module:
    """``module`` with ``memory_profile`` bound from the project's runtime after the imports
    that open it: imported in a layer module (its orchestrator registered the runtime), loaded
    by path anywhere else."""
    import libcst as cst

    from codemods.analysis.memory_profiles import DECORATOR_NAME

    reference = (
        None
        if context.role is FileRole.LAYER
        else runtime_reference(context.path.parent, context.group.runtime)
    )
    binding = cst.parse_module(runtime_binding({DECORATOR_NAME: DECORATOR_NAME}, reference)).body
    position = _after_leading_imports(context.model.units)
    return module.with_changes(body=[*module.body[:position], *binding, *module.body[position:]])


def _after_leading_imports(units: Sequence[Unit]) -> int:
    """Index after the docstring, ``__future__`` and other imports that open the module."""
    from codemods.analysis.units import UnitKind  # libcst: only when a fix binds the name

    opening = (UnitKind.DOCSTRING, UnitKind.FUTURE_IMPORT, UnitKind.IMPORT)
    return next((i for i, unit in enumerate(units) if unit.kind not in opening), len(units))
