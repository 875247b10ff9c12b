"""black, for the code we generate (never for the user's statements, which keep their format)."""

from __future__ import annotations

import sys
from pathlib import Path

import black

from codemods.config import find_pyproject

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

DEFAULT_LINE_LENGTH = 88
"""black's own default, used when the project does not configure one."""


def black_line_length(directory: Path) -> int:
    """The ``[tool.black] line-length`` of the nearest ``pyproject.toml`` above ``directory``."""
    pyproject = find_pyproject(directory.resolve())
    if pyproject is None:
        return DEFAULT_LINE_LENGTH
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return DEFAULT_LINE_LENGTH  # black would fail on it too; not ours to report
    length = document.get("tool", {}).get("black", {}).get("line-length")
    return length if isinstance(length, int) and length > 0 else DEFAULT_LINE_LENGTH


def format_generated(source: str, line_length: int) -> str:
    """``source`` formatted by black with the project's line length."""
    return black.format_str(source, mode=black.Mode(line_length=line_length))
