"""Which directories a walk over a project skips, and the Python files it finds there.

One skip list for every walk: ``check``'s conftest discovery (``codemods.rules.discovery``), the
scan of the tests for uses of the conftest and the read of which fixtures tests request.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

SKIPPED_DIRECTORIES = frozenset(
    {".git", ".hg", ".tox", ".nox", ".venv", "venv", "node_modules", "__pycache__", "build", "dist"}
)
"""Virtualenvs, caches, version control and build output (any other hidden directory, too)."""


def is_skipped(name: str) -> bool:
    """Whether a walk stays out of the directory called ``name``."""
    return name in SKIPPED_DIRECTORIES or name.startswith(".")


def python_files(directory: Path) -> Iterator[Path]:
    """Every ``.py`` file under ``directory``, sorted, skipping virtualenvs, caches and VCS."""
    for entry in sorted(directory.iterdir()):
        if entry.is_dir():
            if not is_skipped(entry.name):
                yield from python_files(entry)
        elif entry.suffix == ".py":
            yield entry
