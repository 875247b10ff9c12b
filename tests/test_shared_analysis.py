"""The shortcuts ``check`` takes to analyse a file cheaply.

``check`` may share one libcst scope analysis between the name index and the model (checked
on the vendored 2,000-line pandas conftest), and reads imports without libcst at all.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper

from codemods.analysis.names import index_names

PANDAS = Path(__file__).resolve().parent / "corpus" / "vendored" / "pandas_conftest.py"
CODEMODS = Path(__file__).resolve().parent.parent / "codemods"
AST_ONLY = [
    "analysis/imports.py",
    "analysis/name_uses.py",
    "analysis/global_names.py",
    "analysis/import_setup.py",
    "analysis/annotations.py",
    "plan/lazy_imports.py",
]
"""The import analysis and the lazy-import plan CC007 reads: libcst costs 0.4 s to import."""


def test_shared_metadata_gives_the_same_facts() -> None:
    module = cst.parse_module(PANDAS.read_bytes())
    alone = index_names(module)  # 2,000 lines: the two-halves path
    metadata = MetadataWrapper(module, unsafe_skip_copy=True)
    shared = index_names(module, metadata)
    assert shared.units == alone.units
    assert shared.import_bindings == alone.import_bindings


def test_metadata_of_another_module_is_refused() -> None:
    module = cst.parse_module("import os\n")
    other = MetadataWrapper(cst.parse_module("import os\n"), unsafe_skip_copy=True)
    with pytest.raises(ValueError, match="must wrap"):
        index_names(module, other)


@pytest.mark.parametrize("name", AST_ONLY)
def test_the_import_analysis_does_not_import_libcst(name: str) -> None:
    tree = ast.parse((CODEMODS / name).read_text(encoding="utf-8"))
    modules = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    modules += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [module for module in modules if module.partition(".")[0] == "libcst"]


def test_importing_the_import_analysis_does_not_load_libcst() -> None:
    code = "import sys, codemods.analysis.imports; assert 'libcst' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
