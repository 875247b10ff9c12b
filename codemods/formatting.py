"""black, for the code we generate (never for the user's statements, which keep their format).

The style is the project's own: ``[tool.black]`` when the project configures black, else
ruff-format's settings (``[tool.ruff]``/``[tool.ruff.format]``), else black's defaults. Every
generated file and every line we add to a layer module goes through :func:`format_generated` or
:func:`format_added_lines` with that style, so the project's formatter finds nothing to change
in them and never fights ``check``/``fix``.
"""

from __future__ import annotations

import difflib
import io
import sys
import tokenize
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
    single_quotes: bool = False
    """ruff-format's ``quote-style = "single"``: black's double quotes, then single ones."""

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
    """ruff-format is black-compatible; ``quote-style = "preserve"`` is black's
    skip-string-normalization, ``"single"`` is black's quotes turned by :func:`_single_quoted`."""
    section = table.get("format", {})
    section = section if isinstance(section, dict) else {}
    quotes = section.get("quote-style", "double")
    return Style(
        line_length=_length(table.get("line-length")),
        target_versions=_targets([table.get("target-version", "")]),
        string_normalization=quotes != "preserve",
        single_quotes=quotes == "single",
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
    formatted = black.format_str(source, mode=style.mode())
    return _single_quoted(formatted, None) if style.single_quotes else formatted


def format_added_lines(before: str, after: str, style: Style) -> str:
    """``after`` with only the lines that are not in ``before`` formatted (black's
    ``--line-ranges``): what a transform added to the user's module (a decorator, a wrapping
    call) gets the project's style while every other line stays byte-identical. ``after`` as it
    is when black cannot format it."""
    ranges = _added_lines(before, after)
    if not ranges:
        return after
    try:
        formatted = black.format_str(after, mode=style.mode(), lines=ranges)
    except Exception:  # black refusing the user's file leaves it as it is
        return after
    if not style.single_quotes:
        return formatted
    added = {
        line for first, last in _added_lines(before, formatted) for line in range(first, last + 1)
    }
    return _single_quoted(formatted, added)


def _added_lines(before: str, after: str) -> list[tuple[int, int]]:
    """The 1-based, inclusive line ranges of ``after`` that are not in ``before``."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (first + 1, last)
        for tag, _, _, first, last in matcher.get_opcodes()
        if tag in ("insert", "replace") and last > first
    ]


def _single_quoted(source: str, lines: set[int] | None) -> str:
    """``source`` with the one-line, double-quoted strings of ``lines`` (``None``: all) that
    need no escape single-quoted, as ruff-format's ``quote-style = "single"`` writes them (it
    keeps double quotes where single ones would need escapes, and docstrings)."""
    rows = source.splitlines(keepends=True)
    for (row, start), end in reversed(_string_spans(source)):
        if lines is not None and row not in lines:
            continue
        text = rows[row - 1]
        literal = text[start:end]
        prefix = literal[: len(literal) - len(literal.lstrip("rRbBfFuU"))]
        body = literal[len(prefix) :]
        if len(body) < 2 or body[0] != '"' or body.startswith('"""'):
            continue
        inner = _single_quoted_inner(body[1:-1], "f" in prefix.lower())
        if inner is not None:
            rows[row - 1] = f"{text[:start]}{prefix}'{inner}'{text[end:]}"
    return "".join(rows)


def _single_quoted_inner(inner: str, fstring: bool) -> str | None:
    """What goes between single quotes instead of ``inner`` (``None``: stay double-quoted).
    In an f-string, ruff also turns single-quoted strings inside replacement fields double."""
    if '"' in inner:
        return None
    if "'" not in inner:
        return inner
    depth = 0
    for character in inner:
        depth += {"{": 1, "}": -1}.get(character, 0)
        if character == "'" and (depth == 0 or not fstring):
            return None
    return inner.replace("'", '"')


def _string_spans(source: str) -> list[tuple[tuple[int, int], int]]:
    """(line, start column), end column of every outermost one-line string literal
    (f-strings whole, also where Python 3.12+ tokenizes them in parts)."""
    spans: list[tuple[tuple[int, int], int]] = []
    depth, opened = 0, (0, 0)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        name = tokenize.tok_name[token.type]
        if name == "FSTRING_START":
            depth += 1
            opened = token.start if depth == 1 else opened
        elif name == "FSTRING_END":
            depth -= 1
            if depth == 0 and token.end[0] == opened[0]:
                spans.append((opened, token.end[1]))
        elif token.type == tokenize.STRING and depth == 0 and token.start[0] == token.end[0]:
            spans.append((token.start, token.end[1]))
    return spans
