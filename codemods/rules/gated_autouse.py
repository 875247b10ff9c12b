"""CC005: An autouse fixture in a gated layer, so it does not run in the default run.

An autouse fixture in ``conftest_services.py`` or ``conftest_e2e.py``. An autouse fixture is
meant to run for every test, but those layers load only when asked: in the default run the
fixture silently does not run at all.

Services and e2e load only when an env var, ``-m``, a path or a test's fixtures ask. Move the
fixture to conftest_base.py or conftest_mocks.py if every test needs it, or drop
``autouse=True`` and request it where it is needed.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import ORCHESTRATOR, Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

_AUTOUSE = """\


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
"""
_SERVICES = """\
import sqlite3

import pytest


@pytest.fixture
def db_conn(tmp_path):
    return sqlite3.connect(tmp_path / "shop.db")
"""


class GatedAutouse(Rule):
    code = "CC005"
    name = "gated-autouse"

    INVALID = (
        Invalid(
            {
                "tests/conftest.py": ORCHESTRATOR,
                "tests/conftest_base.py": "import pytest\n",
                "tests/conftest_services.py": _SERVICES + _AUTOUSE,
            }
        ),
    )
    VALID = (
        Valid(
            {
                "tests/conftest.py": ORCHESTRATOR,
                "tests/conftest_base.py": "import pytest\n" + _AUTOUSE,
                "tests/conftest_services.py": _SERVICES,
            }
        ),
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
