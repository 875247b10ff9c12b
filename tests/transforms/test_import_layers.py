"""Which layer modules get a copy of each import (``_import_layers``) and what the copy keeps
(``ExtractLayerTransform``): the names the layer's units read, and nothing a statement among
the imports does not read itself. Run on real text through ``compute_plan`` and the renderer."""

from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst
import pytest

from codemods.api import compute_plan
from codemods.config import Settings
from codemods.formatting import Style
from codemods.io import read_source
from codemods.render.layer_modules import render_layer_modules
from codemods.transforms.extract_layer import trim_import

SERVICES_FIXTURE = """
# conftest: services
@pytest.fixture
def database():
    return sqlite3.connect(":memory:"), urllib.request.Request("http://x")
"""
EVERY_IMPORT_FIXTURE = """
# conftest: services
@pytest.fixture
def environment():
    return os.environ, sys.argv, warnings.warn, load_dotenv
"""


def split(tmp_path: Path, source: str, settings: Settings | None = None) -> dict[str, list[str]]:
    """Layer label -> the import lines of its module (statements starting with import/from)."""
    path = tmp_path / "conftest.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    plan = compute_plan(read_source(path), settings or Settings(), {})
    modules = render_layer_modules(plan, "conftest.py", Style())
    return {
        module.layer.label: [
            line for line in module.text.splitlines() if line.startswith(("import ", "from "))
        ]
        for module in modules
    }


@pytest.mark.parametrize(
    "statement",
    [
        'if sys.platform == "win32":\n    TIMEOUT = 30',
        "try:\n    import ujson as fast_json\nexcept ImportError:\n    fast_json = None",
        'os.environ.setdefault("APP_ENV", "test")',
        'warnings.filterwarnings("ignore", category=DeprecationWarning)',
        "load_dotenv()",
        'sys.path.insert(0, "lib")',
    ],
)
def test_a_statement_after_the_imports_keeps_eager_only_what_it_reads(
    tmp_path: Path, statement: str
) -> None:
    source = f"""\
import os
import sqlite3
import sys
import urllib.request
import warnings

import pytest
from dotenv import load_dotenv

TIMEOUT = 10
{statement}

{SERVICES_FIXTURE}
{EVERY_IMPORT_FIXTURE}
"""
    layers = split(tmp_path, source)
    reads = {"os": "os.", "sys": "sys.", "warnings": "warnings.", "load_dotenv": "load_dotenv("}
    expected_base = [
        line
        for line in ("import os", "import sys", "import warnings", "from dotenv import load_dotenv")
        if reads[line.split()[-1]] in statement
    ]
    assert layers["base"] == expected_base
    assert layers["services"] == [
        "import os",
        "import sqlite3",
        "import sys",
        "import urllib.request",
        "import warnings",
        "import pytest",
        "from dotenv import load_dotenv",
    ]


def test_a_dotted_import_goes_only_where_its_chain_is_read(tmp_path: Path) -> None:
    layers = split(
        tmp_path, f"import sqlite3\nimport urllib.request\n\nimport pytest\n{SERVICES_FIXTURE}"
    )
    assert layers["base"] == []
    assert "import urllib.request" in layers["services"]


def test_each_copy_of_a_from_import_keeps_the_names_its_layer_reads(tmp_path: Path) -> None:
    source = """\
        from decimal import Decimal, localcontext, ROUND_UP  # money
        import pytest

        ZERO = Decimal(0)


        # conftest: services
        @pytest.fixture
        def rounding():
            with localcontext() as context:
                yield context
    """
    layers = split(tmp_path, source)
    # ROUND_UP is read by no layer: it stays where it was, in base (nothing is lost).
    assert layers["base"] == ["from decimal import Decimal, ROUND_UP  # money"]
    assert layers["services"] == ["from decimal import localcontext", "import pytest"]


@pytest.mark.parametrize(
    ("line", "settings"),
    [
        ("import sqlite3  # noqa: F401 (registers adapters)", Settings()),
        ("import sqlite3", Settings(effect_imports=("sqlite3",))),
        ("import pkg_resources as sqlite3", Settings()),
    ],
    ids=["marked", "configured", "built-in"],
)
def test_an_import_kept_for_its_effect_keeps_its_place_in_base(
    tmp_path: Path, line: str, settings: Settings
) -> None:
    source = f"{line}\nimport urllib.request\n\nimport pytest\n{SERVICES_FIXTURE}"
    layers = split(tmp_path, source, settings)
    assert layers["base"] == [line]
    assert layers["services"][0] == line.partition("  #")[0]


def test_an_import_nothing_reads_stays_in_base(tmp_path: Path) -> None:
    layers = split(
        tmp_path,
        "import pytest\n"
        f"import readline\nimport sqlite3\nimport urllib.request\n{SERVICES_FIXTURE}",
    )
    assert layers["base"] == ["import readline"]


@pytest.mark.parametrize(
    ("before", "kept", "after"),
    [
        ("from x import (\n    a,\n    b,\n)\n", [1], "from x import (\n    b,\n)\n"),
        ("from x import (\n    a,\n    b,\n)\n", [0], "from x import (\n    a,\n)\n"),
        ("from x import a, b as c, d  # why\n", [0, 2], "from x import a, d  # why\n"),
        ("import os, sys\n", [1], "import sys\n"),
    ],
    ids=["magic-trailing-comma", "first-of-two", "alias-and-comment", "plain-import"],
)
def test_trim_import_keeps_the_chosen_aliases_and_the_layout(
    before: str, kept: list[int], after: str
) -> None:
    module = cst.parse_module(before)
    assert module.code_for_node(trim_import(module.body[0], kept)) == after
