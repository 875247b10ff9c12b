"""black, for the code we generate (never for the user's statements, which keep their format).

The style is the project's own: ``[tool.black]`` when the project configures black, else
ruff-format's settings (``[tool.ruff]``/``[tool.ruff.format]``), else black's defaults. Every
generated file and every line we add to a layer module goes through :func:`format_generated` or
:func:`format_added_lines` with that style, so the project's formatter finds nothing to change
in them and never fights ``check``/``fix``.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import black
from black.mode import TargetVersion

from codemods.config import find_pyproject

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

DEFAULT_LINE_LENGTH = 88
"""black's (and ruff-format's) own default, used when the project does not configure one."""


@dataclass(frozen=True)
class Style:
    """The formatter settings that change what black writes (hashable: renders are cached)."""

    line_length: int = DEFAULT_LINE_LENGTH
    target_versions: frozenset[str] = frozenset()
    """black ``TargetVersion`` names (``PY310``); empty: black infers them per file."""
    string_normalization: bool = True
    magic_trailing_comma: bool = True
    preview: bool = False

    def mode(self) -> black.Mode:
        return black.Mode(
            target_versions={TargetVersion[name] for name in self.target_versions},
            line_length=self.line_length,
            string_normalization=self.string_normalization,
            magic_trailing_comma=self.magic_trailing_comma,
            preview=self.preview,
        )


def project_style(directory: Path) -> Style:
    """The style of the nearest ``pyproject.toml`` above ``directory``: its ``[tool.black]``
    table, else its ruff settings, else black's defaults. A file black could not read either
    gives the defaults (reporting it is not ours)."""
    pyproject = find_pyproject(directory.resolve())
    if pyproject is None:
        return Style()
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Style()
    tool = document.get("tool", {})
    if isinstance(tool.get("black"), dict):
        return _black_style(tool["black"], document)
    if isinstance(tool.get("ruff"), dict):
        return _ruff_style(tool["ruff"])
    return Style(target_versions=_inferred_targets(document))


def _black_style(table: Mapping[str, Any], document: Mapping[str, Any]) -> Style:
    targets = table.get("target-version")
    names = _targets(targets) if isinstance(targets, list) else _inferred_targets(document)
    return Style(
        line_length=_length(table.get("line-length")),
        target_versions=names,
        string_normalization=not table.get("skip-string-normalization", False),
        magic_trailing_comma=not table.get("skip-magic-trailing-comma", False),
        preview=bool(table.get("preview", False)),
    )


def _ruff_style(table: Mapping[str, Any]) -> Style:
    """ruff-format is black-compatible; ``quote-style = "single"`` or ``"preserve"`` maps to
    black's skip-string-normalization (black cannot write single quotes; it leaves ours)."""
    section = table.get("format", {})
    section = section if isinstance(section, dict) else {}
    return Style(
        line_length=_length(table.get("line-length")),
        target_versions=_targets([table.get("target-version", "")]),
        string_normalization=section.get("quote-style", "double") == "double",
        magic_trailing_comma=not section.get("skip-magic-trailing-comma", False),
        preview=bool(section.get("preview", False)),
    )


def _targets(names: list[Any]) -> frozenset[str]:
    """``["py310", ...]`` as black's ``TargetVersion`` names, dropping the ones it lacks."""
    return frozenset(str(name).upper() for name in names) & set(TargetVersion.__members__)


def _inferred_targets(document: Mapping[str, Any]) -> frozenset[str]:
    """What black infers from ``[project] requires-python`` when no target-version is set."""
    try:
        inferred = black.files.infer_target_version(dict(document))
    except (ValueError, TypeError):  # a bad specifier: black infers per file
        return frozenset()
    return frozenset(version.name for version in inferred or ())


def _length(value: object) -> int:
    return value if isinstance(value, int) and value > 0 else DEFAULT_LINE_LENGTH


def format_generated(source: str, style: Style) -> str:
    """``source``, entirely ours, formatted by black in the project's style."""
    return black.format_str(source, mode=style.mode())


def format_added_lines(before: str, after: str, style: Style) -> str:
    """``after`` with only the lines that are not in ``before`` formatted (black's
    ``--line-ranges``): what a transform added to the user's module (a decorator, a wrapping
    call) gets the project's style while every other line stays byte-identical. ``after`` as it
    is when black cannot format it."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ranges = [
        (first + 1, last)
        for tag, _, _, first, last in matcher.get_opcodes()
        if tag in ("insert", "replace") and last > first
    ]
    if not ranges:
        return after
    try:
        return black.format_str(after, mode=style.mode(), lines=ranges)
    except Exception:  # black refusing the user's file leaves it as it is
        return after
