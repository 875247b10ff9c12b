"""CC002: A fixture, hook or helper defined in the generated orchestrator conftest.py.

A fixture, hook, helper or constant written by hand into the generated orchestrator
``conftest.py``. ``fix`` and ``migrate`` regenerate that file, and what is defined there loads
in every run, whatever layer it belongs to.

The orchestrator is generated: ``fix`` regenerates it and drops what was added by hand, and what
is defined there loads in every run. Move the definition to the layer module it belongs to
(``conftest_base.py`` when in doubt).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import ORCHESTRATOR, Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

GENERATED_TAG = "conftest_codemods"
LEGACY_NAMES = frozenset({"_env_matches", "get_loaded_fixture_modules"})
"""Helpers of the first orchestrator template, without the tag in their names."""


_BASE = """\
import pytest


@pytest.fixture
def settings():
    return {"env": "test"}
"""


class OrchestratorDefinitions(Rule):
    code = "CC002"
    name = "definition-in-orchestrator"

    INVALID = (
        Invalid(
            {
                "tests/conftest.py": ORCHESTRATOR
                + """\
import pytest


@pytest.fixture
def user(settings):
    return {"name": "ada", "env": settings["env"]}
""",
                "tests/conftest_base.py": _BASE,
            }
        ),
    )
    VALID = (
        Valid(
            {
                "tests/conftest.py": ORCHESTRATOR,
                "tests/conftest_base.py": _BASE
                + """\


@pytest.fixture
def user(settings):
    return {"name": "ada", "env": settings["env"]}
""",
            }
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is FileRole.ORCHESTRATOR:
            for name, line in foreign_definitions(context):
                yield self.finding(
                    context,
                    line,
                    f"{name} is defined in the generated orchestrator: move it to a layer "
                    "module (e.g. conftest_base.py)",
                )


def foreign_definitions(context: FileContext) -> list[tuple[str, int]]:
    """(name, line) of definitions in the orchestrator that no version of the generator binds.

    Names, not code: a stale generated loader class is CC004's business, not a foreign one.
    An orchestrator from an older version may hold generated names the current template
    renamed; the template keeps ``conftest_codemods`` in its own names so those are known.
    Read from the ``ast``: the orchestrator's libcst model is never needed.
    """
    found = [
        (name, line)
        for name, line in _definitions(context.tree)
        if GENERATED_TAG not in name.lower() and name not in LEGACY_NAMES
    ]
    if not found:
        return []
    generated = {name for name, _ in _definitions(ast.parse(context.group.expected_orchestrator))}
    return [(name, line) for name, line in found if name not in generated]


def _definitions(tree: ast.Module) -> Iterator[tuple[str, int]]:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name, min((d.lineno for d in node.decorator_list), default=node.lineno)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.lineno
