"""CC010: Async fixtures while ``asyncio_default_fixture_loop_scope`` is unset or ``session``.

Unset, pytest-asyncio warns on every run and its default may change under you; ``session`` runs
every async fixture on one event loop shared by all tests, so a fixture's tasks and connections
leak from test to test.

Set ``asyncio_default_fixture_loop_scope = "function"`` in the pytest configuration (or the
scope your async fixtures really need), so each fixture's event loop is explicit and not shared
across the whole session by accident.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

KEY = "asyncio_default_fixture_loop_scope"


_CONFTEST = """\
import asyncio

import pytest_asyncio


@pytest_asyncio.fixture
async def queue():
    return asyncio.Queue()
"""


class AsyncioLoopScope(Rule):
    code = "CC010"
    name = "asyncio-loop-scope"

    INVALID = (
        Invalid(
            {
                "pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
                "tests/conftest.py": _CONFTEST,
            }
        ),
    )
    VALID = (
        Valid(
            {
                "pyproject.toml": """\
[tool.pytest.ini_options]
testpaths = ["tests"]
asyncio_default_fixture_loop_scope = "function"
""",
                "tests/conftest.py": _CONFTEST,
            }
        ),
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
