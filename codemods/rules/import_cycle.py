"""CC015: An import cycle among conftest modules and the project modules they import.

Conftest modules and the project modules they import (test helpers, support packages) import
each other in a cycle, ``conftest_base -> helpers -> conftest_base``. Which module runs first
depends on what pytest, a test or the orchestrator imports first, so the cycle fails with
"cannot import name ... from partially initialized module" in some runs and import modes only.
The graph is [grimp](https://github.com/python-grimp/grimp)'s, of the directory pytest puts on
``sys.path`` for the conftest (the topmost package above it, or the directory itself);
``if TYPE_CHECKING:`` imports do not count, and a root holding a module that does not parse is
skipped (pytest reports that module). Each cycle is reported once, at its first conftest
module's import.

The module imported first decides whether the cycle breaks, so it fails with 'partially
initialized module' only in some runs and import modes. Break it: move what both modules need
into a third module, or import inside the function that needs it.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.analysis.import_graph import import_cycles
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

_CONFTEST = """\
import pytest

from helpers import make_user


@pytest.fixture
def user():
    return make_user("ada")
"""


class ImportCycle(Rule):
    """The cycles come from grimp's import graph of the conftest's import root (see
    ``analysis.import_graph``), built once per root and shared by every file of it.
    """

    code = "CC015"
    name = "import-cycle"

    INVALID = (
        Invalid(
            {
                "tests/conftest.py": _CONFTEST.replace(
                    "make_user\n", 'make_user\n\nBASE_URL = "http://shop.test"\n'
                ),
                "tests/helpers.py": """\
from conftest import BASE_URL


def make_user(name):
    return {"name": name, "home": f"{BASE_URL}/users/{name}"}
""",
            }
        ),
    )
    VALID = (
        Valid(
            {
                "tests/conftest.py": _CONFTEST,
                "tests/helpers.py": """\
BASE_URL = "http://shop.test"


def make_user(name):
    return {"name": name, "home": f"{BASE_URL}/users/{name}"}
""",
            }
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is FileRole.RUNTIME or "import" not in context.source.text:
            return
        path = context.path.resolve()
        lines = context.source.text.splitlines()
        for cycle in import_cycles(context.path.parent):
            if cycle.path == path:
                text = lines[cycle.line - 1] if cycle.line <= len(lines) else ""
                yield self.finding(
                    context,
                    cycle.line,
                    f"import cycle: {' -> '.join(cycle.chain)}",
                    col=len(text) - len(text.lstrip()) + 1,
                )
