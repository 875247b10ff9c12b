"""CC003: A layer module uses a fixture or name from a layer that is loaded less often.

A unit of a layer module requests a fixture, reads a name or imports from a layer that is loaded
less often: layers load in order base <- mocks <- services <- e2e, services and e2e only when
asked. A base fixture that requests a services fixture, or imports from ``conftest_services``,
then fails with "fixture not found" or a ``NameError`` in exactly the runs that leave that layer
off.

A unit may only depend on its own layer or one loaded whenever it is (base <- mocks <- services
<- e2e). Move the unit up to the layer it needs, or move what it needs down.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from codemods.generated import LAYER_FILES
from codemods.layers import Layer
from codemods.rule_base.context import FileContext, FileRole
from codemods.rule_base.examples import ORCHESTRATOR, Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

_STEMS = {name.removesuffix(".py"): layer for name, layer in LAYER_FILES.items()}


_SERVICES = """\
import sqlite3

import pytest


@pytest.fixture
def db_conn(tmp_path):
    return sqlite3.connect(tmp_path / "shop.db")
"""
_REPORT = """\


@pytest.fixture
def report(db_conn):
    return db_conn.execute("select count(*) from orders").fetchone()
"""


class LayerViolation(Rule):
    code = "CC003"
    name = "layer-violation"

    INVALID = (
        Invalid(
            {
                "tests/conftest.py": ORCHESTRATOR,
                "tests/conftest_base.py": "import pytest\n" + _REPORT,
                "tests/conftest_services.py": _SERVICES,
            }
        ),
    )
    VALID = (
        Valid(
            {
                "tests/conftest.py": ORCHESTRATOR,
                "tests/conftest_base.py": "import pytest\n",
                "tests/conftest_services.py": _SERVICES + _REPORT,
            }
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        if context.role is not FileRole.LAYER or context.layer is None:
            return
        yield from self._imports(context, context.layer)
        yield from self._requests(context, context.layer)

    def _imports(self, context: FileContext, layer: Layer) -> Iterator[Finding]:
        for node in ast.walk(context.tree):
            if isinstance(node, ast.ImportFrom):
                names = [(node.module or "").rpartition(".")[2]]
            elif isinstance(node, ast.Import):
                names = [alias.name.rpartition(".")[2] for alias in node.names]
            else:
                continue
            for name in names:
                source = _STEMS.get(name)
                if source is not None and source > layer:
                    yield self.finding(
                        context,
                        node.lineno,
                        f"{layer.module_stem}.py imports from {source.module_stem}.py, which "
                        f"is loaded less often ({_advice(source)})",
                        col=node.col_offset + 1,
                    )

    def _requests(self, context: FileContext, layer: Layer) -> Iterator[Finding]:
        visible: set[str] = set()
        higher: dict[str, Layer] = {}
        for other, module in context.group.layers.items():
            names = {*module.model.fixtures, *module.model.binders}
            if other <= layer:
                visible |= names
            else:
                higher.update(dict.fromkeys(set(names) - set(higher), other))
        for unit in context.model.units:
            needs = {request for fixture in unit.fixtures for request in fixture.requests}
            needs |= unit.unresolved
            for name in sorted(needs - visible):
                source = higher.get(name)
                if source is not None:
                    yield self.finding(
                        context,
                        unit.line,
                        f"{unit.kind.value} {unit.name} in {layer.module_stem}.py needs {name} "
                        f"from {source.module_stem}.py, which is loaded less often "
                        f"({_advice(source)})",
                    )


def _advice(source: Layer) -> str:
    return f"move the unit to {source.module_stem}.py or what it needs down"
