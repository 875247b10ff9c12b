"""``ExtractLayerTransform``: one layer's module is the original conftest with every other
layer's statements removed, kept statements byte for byte, and a copy of each import the layer
reads. Driven by a real plan of a conftest whose fixtures say their layer.

No second-run check here: extraction is not a fixer (a layer module is never extracted again).
"""

from __future__ import annotations

import ast
import textwrap

import libcst as cst

from codemods.analysis.fixtures import module_fixtures
from codemods.analysis.model import build_model
from codemods.layers import Layer
from codemods.plan.planner import PlanInputs, plan_split
from codemods.transforms.extract_layer import ExtractLayerTransform

SOURCE = '''\
"""Fixtures for the shop."""

from __future__ import annotations

import sqlite3  # the database driver

import pytest


# conftest: base
@pytest.fixture
def settings():
    return {"db": ":memory:", "driver": sqlite3.sqlite_version}


# conftest: services
@pytest.fixture
def database(settings):
    return sqlite3.connect(settings["db"])

# the end of the file
'''
PREAMBLE = "from conftest_base import *\n"


def extract(layer: Layer, preamble: str = "") -> str:
    module = cst.parse_module(SOURCE)
    tree = ast.parse(SOURCE)
    plan = plan_split(
        build_model(module, tree, SOURCE, module_fixtures(tree, SOURCE)), PlanInputs()
    )
    statements = cst.parse_module(preamble).body
    code = module.visit(ExtractLayerTransform(plan, layer, [], statements)).code
    ast.parse(code)  # the result is valid Python
    return code


def test_the_base_layer_keeps_its_units_the_prologue_and_the_footer_comment() -> None:
    assert extract(Layer.BASE) == textwrap.dedent(
        '''\
        """Fixtures for the shop."""

        from __future__ import annotations

        import sqlite3  # the database driver

        import pytest


        # conftest: base
        @pytest.fixture
        def settings():
            return {"db": ":memory:", "driver": sqlite3.sqlite_version}

        # the end of the file
        '''
    )


def test_a_higher_layer_gets_a_comment_free_copy_of_a_shared_import_and_the_preamble() -> None:
    assert extract(Layer.SERVICES, PREAMBLE) == textwrap.dedent(
        """\

        from __future__ import annotations

        from conftest_base import *

        import sqlite3

        import pytest


        # conftest: services
        @pytest.fixture
        def database(settings):
            return sqlite3.connect(settings["db"])
        """
    )


def test_a_layer_without_units_holds_only_the_preamble() -> None:
    assert extract(Layer.E2E, PREAMBLE) == PREAMBLE
