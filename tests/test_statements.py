"""``statement_units`` groups ``ast`` statements exactly as libcst's ``Module.body`` does.

Facts found in the ``ast`` name libcst statements by index, so a grouping or a first line
that differs from libcst's would attach a fact to the wrong statement.
"""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest

from codemods.analysis.statements import statement_units
from codemods.errors import InputError
from codemods.io import read_source

ROOT = Path(__file__).resolve().parent.parent
TRICKY = {
    "semicolons": "a = 1; b = 2\nc = 3;\nd = 4\n",
    "continued semicolon": "d = 4 ; \\\n  e = 5\nf = 6\n",
    "parenthesised decorator": "@dec\n# between\n@(\n    other\n)\ndef f():\n    pass\n",
    "one-line suite": "if x: a; b\nclass C: pass\n",
    "non-ascii before a semicolon": "x = 'été'; y = 1\n",
    "header comments and blank lines": "# header\n\n\nx = (1,\n     2)\n\n# lead\ny = 3\n",
    "empty module": "",
    "form feed": "import os\n\x0c\n@dec\ndef f():\n    pass\nx = 1; y = 2\n",
}
FILES = [
    ROOT / "tests" / "corpus" / "vendored" / "pandas_conftest.py",
    *sorted((ROOT / "golden").glob("*/before/**/conftest.py")),
    *sorted((ROOT / "examples").glob("**/conftest*.py")),
]


def _assert_matches_libcst(source: str) -> None:
    module = cst.parse_module(source)
    units = statement_units(ast.parse(source), source)
    assert len(units) == len(module.body)
    line = len(module.header) + 1
    for unit, statement in zip(units, module.body, strict=True):
        start = line + len(statement.leading_lines)
        small = len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
        assert (unit.line, len(unit.statements)) == (start, small), module.code_for_node(statement)
        line += module.code_for_node(statement).count("\n")
        assert unit.end_line <= line - 1 or not statement.leading_lines


@pytest.mark.parametrize("source", TRICKY.values(), ids=TRICKY.keys())
def test_tricky_layouts_match_libcst(source: str) -> None:
    _assert_matches_libcst(source)


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_real_conftests_match_libcst(path: Path) -> None:
    try:
        source = read_source(path).text
    except InputError:
        pytest.skip("a bad-input golden")
    _assert_matches_libcst(source)
