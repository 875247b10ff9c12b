"""Helpers for comparing whole directory trees byte for byte, as the golden cases do."""

from __future__ import annotations

import shutil
from pathlib import Path

IGNORED = frozenset({"__pycache__", ".pytest_cache"})


def snapshot(root: Path) -> dict[str, bytes]:
    """Relative POSIX path -> content, for every file under ``root``."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not IGNORED.intersection(path.relative_to(root).parts)
    }


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*IGNORED))
    return target


def replace_tree(source: Path, target: Path) -> None:
    """Make ``target`` an exact copy of ``source``."""
    if target.exists():
        shutil.rmtree(target)
    copy_tree(source, target)


def describe_difference(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    """A short human-readable account of how two snapshots differ ('' if they do not)."""
    lines = [f"missing: {name}" for name in sorted(expected.keys() - actual.keys())]
    lines += [f"unexpected: {name}" for name in sorted(actual.keys() - expected.keys())]
    lines += [
        f"differs: {name}"
        for name in sorted(expected.keys() & actual.keys())
        if expected[name] != actual[name]
    ]
    return "\n".join(lines)
