"""Which files a walk over a project finds: the directories every walk skips, the Python files
below a directory, and the conftest modules ``check`` and ``fix`` look at.

One skip list for every walk: ``check``'s conftest discovery, the scan of the tests for uses of
the conftest and the read of which fixtures tests request.

Conftest discovery: a path named explicitly is always checked. Below a directory, the backup
earlier versions of ``migrate`` kept (``conftest_legacy_backup.py``, a frozen copy of the old
monolith; today's ``conftest.py.orig`` is not a Python file), virtualenvs and caches are
skipped, and so is whatever git ignores (asked of ``git check-ignore`` itself, so every
``.gitignore`` rule means what git means); outside a git work tree the ``.gitignore`` of each
given directory is applied as simple glob patterns.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from codemods.errors import InputError
from codemods.generated import LEGACY_BACKUP

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


def matches(relative: PurePosixPath, pattern: str) -> bool:
    """``pattern`` matches the whole relative path, its tail, or one of its directories."""
    text = relative.as_posix()
    pattern = pattern.rstrip("/")
    return (
        fnmatchcase(text, pattern)
        or relative.match(pattern)
        or any(fnmatchcase(part, pattern) for part in relative.parts)
    )


def discover(paths: Sequence[Path]) -> list[Path]:
    """The conftest modules to check, sorted, each once."""
    found: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise InputError(path, "no such file or directory", "check the path")
        if path.is_file():
            found.add(path)
            continue
        candidates = sorted(_walk(path))
        found.update(_not_ignored(path, candidates))
    return sorted(found)


def _walk(directory: Path) -> Iterable[Path]:
    for child in directory.iterdir():
        if child.is_dir():
            if not is_skipped(child.name):
                yield from _walk(child)
        elif _is_conftest_module(child.name):
            yield child


def _is_conftest_module(name: str) -> bool:
    return name.startswith("conftest") and name.endswith(".py") and name != LEGACY_BACKUP


def _not_ignored(root: Path, candidates: list[Path]) -> list[Path]:
    if not candidates:
        return []
    ignored = _git_ignored(root, candidates)
    if ignored is None:
        ignored = _gitignore_patterns(root, candidates)
    return [path for path in candidates if path not in ignored]


def _git_ignored(root: Path, candidates: list[Path]) -> set[Path] | None:
    """What git ignores among ``candidates``, or ``None`` outside a work tree (or no git)."""
    names = "\0".join(str(path.resolve()) for path in candidates) + "\0"
    try:
        result = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=root,
            input=names.encode(),
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    if result.returncode not in (0, 1):
        return None
    ignored = {Path(name) for name in result.stdout.decode().split("\0") if name}
    return {path for path in candidates if path.resolve() in ignored}


def _gitignore_patterns(root: Path, candidates: list[Path]) -> set[Path]:
    ignore_file = root / ".gitignore"
    if not ignore_file.is_file():
        return set()
    patterns = [
        line.strip()
        for line in ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip() and not line.startswith(("#", "!"))
    ]
    return {
        path
        for path in candidates
        if any(
            matches(PurePosixPath(path.relative_to(root).as_posix()), p.lstrip("/"))
            for p in patterns
        )
    }
