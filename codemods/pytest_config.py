"""The pytest configuration that applies to a directory, found the way pytest finds its rootdir.

pytest takes the first of ``pytest.ini``, ``.pytest.ini``, ``pyproject.toml`` (with a
``[tool.pytest.ini_options]`` table), ``tox.ini`` (``[pytest]``) and ``setup.cfg``
(``[tool:pytest]``) walking up from the arguments; that file's directory is the rootdir, where
``pytest_plugins`` may still be set (PYTEST_FACTS.md).
"""

from __future__ import annotations

import configparser
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_INI_FILES = (("pytest.ini", "pytest"), (".pytest.ini", "pytest"))
_CFG_FILES = (("tox.ini", "pytest"), ("setup.cfg", "tool:pytest"))


@dataclass(frozen=True)
class PytestConfig:
    """One pytest configuration section and the line of each of its keys."""

    path: Path
    line: int
    """The line of the section header (where findings about a missing key point)."""
    options: Mapping[str, str | list[str]]
    lines: Mapping[str, int]

    @property
    def rootdir(self) -> Path:
        return self.path.parent

    def values(self, key: str) -> list[str]:
        """A list option, whether written as a TOML list or as ini lines/words."""
        value = self.options.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return [str(item) for item in value]
        return value.split("\n") if key == "markers" else value.split()

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


@lru_cache(maxsize=256)
def find_pytest_config(directory: Path) -> PytestConfig | None:
    """The configuration pytest would use when run from ``directory`` (resolved)."""
    for folder in (directory, *directory.parents):
        for name, section in _INI_FILES:
            if (folder / name).is_file():
                return _read_ini(folder / name, section) or _empty(folder / name)
        found = _read_pyproject(folder / "pyproject.toml")
        if found is not None:
            return found
        for name, section in _CFG_FILES:
            found = _read_ini(folder / name, section)
            if found is not None:
                return found
    return None


def _empty(path: Path) -> PytestConfig:
    return PytestConfig(path, 1, {}, {})


def _read_pyproject(path: Path) -> PytestConfig | None:
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text).get("tool", {}).get("pytest", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    options = table.get("ini_options", table if table else None)
    if not isinstance(options, dict):
        return None
    header = "[tool.pytest.ini_options]" if "ini_options" in table else "[tool.pytest]"
    values = {key: _toml_value(value) for key, value in options.items()}
    return PytestConfig(path, *_lines(text, header, values))


def _toml_value(value: object) -> str | list[str]:
    return [str(item) for item in value] if isinstance(value, list) else str(value)


def _read_ini(path: Path, section: str) -> PytestConfig | None:
    if not path.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        text = path.read_text(encoding="utf-8")
        parser.read_string(text)
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None
    if not parser.has_section(section):
        return None
    values: dict[str, str | list[str]] = {
        key: value.strip() for key, value in parser.items(section)
    }
    return PytestConfig(path, *_lines(text, f"[{section}]", values))


def _lines(
    text: str, header: str, values: dict[str, str | list[str]]
) -> tuple[int, dict[str, str | list[str]], dict[str, int]]:
    rows = text.splitlines()
    start = next((i for i, row in enumerate(rows) if row.strip() == header), 0)
    lines: dict[str, int] = {}
    for number, row in enumerate(rows[start + 1 :], start + 2):
        if row.startswith("["):
            break
        match = re.match(r"\s*([\w.-]+)\s*=", row)
        if match and match.group(1) in values:
            lines.setdefault(match.group(1), number)
    return start + 1, values, lines
