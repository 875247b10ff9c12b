"""Which tests the default run collects: what a plain ``pytest`` run pays for after a split.

The orchestrator loads a gated layer when a path on the command line has a directory named in
``marker-layers`` (``integration``, ``e2e``, ...). The default run is everything else under the
conftest's directory, so its paths are the smallest set of directories and test files there
that leave out every such directory: ``tests/unit`` and ``tests/test_app.py`` beside a gated
``tests/integration``, or ``tests`` itself when nothing below it is gated.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from pathlib import Path

from codemods.verify.migration import SKIPPED_NAMES


def default_run_paths(directory: Path, gated_words: Collection[str], root: Path) -> list[Path]:
    """The paths (under ``directory``) whose collection is the default run; empty when every
    test sits below a gated directory, or ``directory`` is itself below one (under ``root``,
    where pytest runs: directories above it are not in the paths a user types)."""
    if any(part in gated_words for part in directory.relative_to(root).parts):
        return []
    return list(_covering(directory, frozenset(gated_words)))


def _covering(directory: Path, gated: frozenset[str]) -> Iterator[Path]:
    if not _holds_gated(directory, gated):
        if _holds_tests(directory):
            yield directory
        return
    for entry in sorted(directory.iterdir()):
        if _skipped(entry) or entry.name in gated:
            continue
        if entry.is_dir():
            yield from _covering(entry, gated)
        elif _is_test_file(entry.name):
            yield entry


def _holds_gated(directory: Path, gated: frozenset[str]) -> bool:
    return any(name in gated for _, names, _ in _walk(directory) for name in names)


def _holds_tests(directory: Path) -> bool:
    return any(_is_test_file(name) for _, _, files in _walk(directory) for name in files)


def _walk(directory: Path) -> Iterator[tuple[str, list[str], list[str]]]:
    for root, names, files in os.walk(directory):
        names[:] = [name for name in names if not _skipped(Path(root, name))]
        yield root, names, files


def _skipped(path: Path) -> bool:
    """Caches, version control and virtualenvs, as ``migrate --verify`` skips them."""
    return path.name in SKIPPED_NAMES or (path / "pyvenv.cfg").is_file()


def _is_test_file(name: str) -> bool:
    """pytest's default ``python_files``: ``test_*.py`` and ``*_test.py``."""
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))
