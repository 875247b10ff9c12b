"""Helpers for comparing whole directory trees byte for byte, as the golden cases do."""

from __future__ import annotations

import shutil
from pathlib import Path

from codemods.generated import RUNTIME_FILE, runtime_text

IGNORED = frozenset({"__pycache__", ".pytest_cache"})
RUNTIME_STAND_IN = (
    b"# conftest-codemods runtime: stored as this line, the packaged runtime exactly as this\n"
    b"# version writes it here (tests/treeutil.py expands it when a tree is copied).\n"
)
"""What a golden ``after/`` holds instead of a runtime identical to what ``migrate`` writes, so
that the cases do not store one copy each; a runtime that differs is stored whole."""


def snapshot(root: Path) -> dict[str, bytes]:
    """Relative POSIX path -> content, for every file under ``root``."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not IGNORED.intersection(path.relative_to(root).parts)
    }


def copy_tree(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target``, expanding stored runtimes (``RUNTIME_STAND_IN``) where
    they land, so the copy is the tree the tool wrote."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*IGNORED))
    for path in target.rglob(RUNTIME_FILE):
        if path.read_bytes() == RUNTIME_STAND_IN:
            path.write_text(runtime_text(path.parent), encoding="utf-8")
    return target


def stored(root: Path) -> dict[str, bytes]:
    """``snapshot(root)`` as a golden stores it: a runtime that is exactly what this version
    writes for its directory becomes ``RUNTIME_STAND_IN``."""
    tree = snapshot(root)
    for name, content in tree.items():
        path = root / name
        if path.name == RUNTIME_FILE and content == runtime_text(path.parent).encode("utf-8"):
            tree[name] = RUNTIME_STAND_IN
    return tree


def write_snapshot(tree: dict[str, bytes], target: Path) -> None:
    """Make ``target`` hold exactly the files of ``tree``."""
    if target.exists():
        shutil.rmtree(target)
    for name, content in tree.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(content)


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
