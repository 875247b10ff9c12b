"""The shortcuts ``check`` takes to analyse a file once give what the full analyses give.

``check`` shares one libcst scope analysis between the model and the import analysis, and reads
parents from the nodes instead of libcst's ``ParentNodeProvider``; both are checked here on the
vendored 2,000-line pandas conftest and every golden input.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, ParentNodeProvider

from codemods.analysis.imports import analyse_imports, parent_nodes
from codemods.analysis.names import index_names

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "tests" / "corpus" / "vendored" / "pandas_conftest.py",
    *sorted((ROOT / "golden").glob("*/before/**/conftest.py")),
]


def _parse(path: Path) -> cst.Module:
    try:
        return cst.parse_module(path.read_bytes())
    except cst.ParserSyntaxError:
        pytest.skip(f"{path.name} is a syntax-error golden")


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_parent_nodes_match_libcst(path: Path) -> None:
    module = _parse(path)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ParentNodeProvider)
    found = parent_nodes(module)
    assert found.keys() == expected.keys()
    assert all(found[node] is expected[node] for node in expected)


def test_shared_metadata_gives_the_same_facts() -> None:
    module = _parse(SOURCES[0])
    alone = index_names(module)  # 2,000 lines: the two-halves path
    metadata = MetadataWrapper(module, unsafe_skip_copy=True)
    shared = index_names(module, metadata)
    assert shared.units == alone.units
    assert shared.import_bindings == alone.import_bindings
    assert analyse_imports(module, metadata).bindings == analyse_imports(module).bindings


def test_metadata_of_another_module_is_refused() -> None:
    module = cst.parse_module("import os\n")
    other = MetadataWrapper(cst.parse_module("import os\n"), unsafe_skip_copy=True)
    with pytest.raises(ValueError, match="must wrap"):
        index_names(module, other)
    with pytest.raises(ValueError, match="must wrap"):
        analyse_imports(module, other)
