"""CC007: heavy libraries imported at module level of an always-loaded conftest."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lintutil import found, write_tree

LAZY = """\
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import pandas


@pytest.fixture
def frame():
    import pandas

    return pandas.DataFrame()
"""


def test_imports_inside_fixtures_and_type_checking_are_fine(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tests/conftest.py": LAZY})
    assert found(tmp_path, "CC007") == []


def test_module_level_heavy_imports_are_reported(tmp_path: Path) -> None:
    conftest = "import numpy as np\nfrom pandas.testing import assert_frame_equal\nimport json\n"
    write_tree(tmp_path, {"tests/conftest.py": conftest})
    assert found(tmp_path, "CC007") == [
        ("tests/conftest.py", 1, "CC007"),
        ("tests/conftest.py", 2, "CC007"),
    ]


def test_configured_heavy_imports_count_too(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.conftest-codemods]\nheavy-imports = ["myapp.models"]\n',
            "tests/conftest.py": "from myapp.models import User\n",
        },
    )
    assert found(tmp_path, "CC007") == [("tests/conftest.py", 1, "CC007")]


def test_gated_layers_may_import_heavy_modules(split_project: Path) -> None:
    services = split_project / "tests" / "conftest_services.py"
    services.write_text("import pandas\n" + services.read_text())
    assert found(split_project, "CC007") == []


def test_modules_listed_in_lazy_modules_are_not_reported(tmp_path: Path) -> None:
    conftest = '__lazy_modules__ = ["pandas"]\n\nimport numpy\nimport pandas\n'
    write_tree(tmp_path, {"tests/conftest.py": conftest})
    assert found(tmp_path, "CC007") == [("tests/conftest.py", 3, "CC007")]
