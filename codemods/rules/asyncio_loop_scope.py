"""CC010: async fixtures while ``asyncio_default_fixture_loop_scope`` is unset or ``session``.

Unset, pytest-asyncio warns on every run and its default may change under you; ``session``
runs every async fixture on one event loop shared by all tests, so a fixture's tasks and
connections leak from test to test (PYTEST_FACTS.md section 3).
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.rule import Finding, Rule

KEY = "asyncio_default_fixture_loop_scope"


class AsyncioLoopScope(Rule):
    code = "CC010"
    name = "asyncio-loop-scope"
    summary = f"Async fixtures while `{KEY}` is unset or `session`."
    why = (
        f'Set `{KEY} = "function"` in the pytest configuration (or the scope your async '
        "fixtures really need), so each fixture's event loop is explicit and not shared "
        "across the whole session by accident."
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role not in (FileRole.CONFTEST, FileRole.LAYER):
            return
        if "async def" not in context.source.text:
            return
        config = context.group.pytest_config
        value = str(config.options.get(KEY, "")).strip() if config else ""
        if value and value != "session":
            return
        fixture = next(
            (
                (unit, fixture)
                for unit in context.fixtures.units
                for fixture in unit.fixtures
                if fixture.is_async
            ),
            None,
        )
        if fixture is None:
            return
        unit, found = fixture
        where = f"in {config.path.name}" if config else "(no pytest configuration found)"
        state = "is session" if value else "is unset"
        yield self.finding(
            context,
            unit.line,
            f'async fixture {found.name}: {KEY} {state} {where}; set it to "function"',
        )
