"""Which rules run on a file: ``select`` / ``ignore`` / ``extend-select`` by code or prefix,
then ``per-file-ignores``, as ruff does.

Command-line options win over the configuration: ``--select`` replaces the configured
``select``, ``--ignore`` and ``--extend-select`` add to theirs. A code or prefix that names no
rule is an error, so a typo cannot silently turn a rule off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from codemods.config import Settings
from codemods.discovery import matches
from codemods.errors import ConfigError
from codemods.rule_base.codes import named_codes
from codemods.rule_base.rule import Rule


@dataclass(frozen=True)
class Choice:
    """The command line's say in the selection (``None`` = not given)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] | None = None
    """``--exclude``: replaces the configured ``exclude`` globs (relative to the cwd)."""
    extend_exclude: tuple[str, ...] = ()
    """``--extend-exclude``: globs skipped on top of ``exclude`` (relative to the cwd)."""


def enabled_codes(
    rules: Sequence[Rule], settings: Settings, choice: Choice, origin: Path
) -> frozenset[str]:
    """The codes that run under ``settings`` (read from ``origin``) and the command line."""
    codes = [rule.code for rule in rules]
    select = choice.select if choice.select is not None else settings.select
    chosen = (
        _expand(select, codes, origin) if select else {rule.code for rule in rules if rule.default}
    )
    chosen |= _expand((*settings.extend_select, *choice.extend_select), codes, origin)
    chosen -= _expand((*settings.ignore, *choice.ignore), codes, origin)
    return frozenset(chosen)


def per_file_ignored(
    settings: Settings, path: Path, root: Path | None, codes: Sequence[str]
) -> frozenset[str]:
    """Codes ``per-file-ignores`` turns off for ``path``; globs are relative to ``root``."""
    if not settings.per_file_ignores:
        return frozenset()
    relative = _relative(path, root)
    ignored: set[str] = set()
    for pattern, prefixes in settings.per_file_ignores.items():
        if matches(relative, pattern):
            ignored |= _expand(prefixes, codes, root or path)
    return frozenset(ignored)


def _relative(path: Path, root: Path | None) -> PurePosixPath:
    resolved = path.resolve()
    if root is not None and resolved.is_relative_to(root.resolve()):
        return PurePosixPath(resolved.relative_to(root.resolve()).as_posix())
    return PurePosixPath(path.as_posix())


def _expand(prefixes: Iterable[str], codes: Sequence[str], origin: Path) -> set[str]:
    chosen: set[str] = set()
    for prefix in prefixes:
        found = named_codes(prefix, codes)
        if not found:
            raise ConfigError(origin, f"unknown rule {prefix!r}", "see `conftest-codemods rules`")
        chosen |= found
    return chosen
