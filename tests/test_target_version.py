"""``oldest_python``: the oldest Python a project supports, read from its pyproject.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.plan.target_version import OLDEST, oldest_python


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[project]\nrequires-python = ">=3.14"\n', (3, 14)),
        ('[project]\nrequires-python = ">= 3.11, <4"\n', (3, 11)),
        ('[project]\nrequires-python = "~=3.12"\n', (3, 12)),
        ('[project]\nrequires-python = ">=3.8"\n', OLDEST),
        ('[project]\nrequires-python = "*"\n', OLDEST),
        ('[tool.black]\ntarget-version = ["py315", "py314"]\n', (3, 14)),
        (
            '[project]\nrequires-python = ">=3.10"\n[tool.black]\ntarget-version = ["py314"]\n',
            OLDEST,
        ),
        ("[tool.black]\nline-length = 100\n", OLDEST),
        ("not toml [", OLDEST),
    ],
)
def test_oldest_python(tmp_path: Path, text: str, expected: tuple[int, int]) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text, encoding="utf-8")
    assert oldest_python(pyproject) == expected


def test_no_pyproject_means_the_oldest_supported_python() -> None:
    assert oldest_python(None) == OLDEST
