"""CC001: A hand-written conftest.py over the size threshold (lines or fixtures).

A hand-written ``conftest.py`` over ``max-lines`` lines or ``max-fixtures`` fixtures (400 and 25
unless ``[tool.conftest-codemods]`` says otherwise). pytest imports all of it, and everything it
imports, before the first test of every run, and a monolith leaves no way to load the expensive
fixtures only when asked.

Every run imports the whole file and everything it imports, even for one unit test. Split it
with ``conftest-codemods migrate PATH``; raise ``max-lines`` / ``max-fixtures`` in
[tool.conftest-codemods] if the size is fine for your project.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import ORCHESTRATOR, Invalid, Valid
from codemods.rule_base.rule import Finding, Rule
from codemods.wording import plural

_THRESHOLD = """\
[tool.conftest-codemods]
max-fixtures = 1  # 25 by default
"""


class MonolithicConftest(Rule):
    code = "CC001"
    name = "monolithic-conftest"
    level = "warning"

    INVALID = (
        Invalid(
            {
                "pyproject.toml": _THRESHOLD,
                "tests/conftest.py": """\
import sqlite3

import pytest


@pytest.fixture
def settings():
    return {"env": "test"}


@pytest.fixture
def db_conn(tmp_path):
    return sqlite3.connect(tmp_path / "shop.db")
""",
            }
        ),
    )
    VALID = (
        Valid(
            {
                "pyproject.toml": _THRESHOLD,
                "tests/conftest.py": ORCHESTRATOR,
                "tests/conftest_base.py": """\
import pytest


@pytest.fixture
def settings():
    return {"env": "test"}
""",
                "tests/conftest_services.py": """\
import sqlite3

import pytest


@pytest.fixture
def db_conn(tmp_path):
    return sqlite3.connect(tmp_path / "shop.db")
""",
            }
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is not FileRole.CONFTEST:
            return
        settings = context.settings
        lines = len(context.source.text.splitlines())
        if lines <= settings.max_lines and "fixture" not in context.source.text:
            return
        fixtures = sum(len(unit.fixtures) for unit in context.fixtures.units)
        if lines > settings.max_lines or fixtures > settings.max_fixtures:
            yield self.finding(
                context,
                1,
                f"conftest has {plural(lines, 'line')} and {plural(fixtures, 'fixture')} (limits "
                f"{settings.max_lines} / {settings.max_fixtures}): split it with "
                f"`conftest-codemods migrate {context.path}`",
            )
