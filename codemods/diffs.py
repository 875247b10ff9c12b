"""The unified diff every ``--dry-run``/``--diff`` prints, and how it names files.

``migrate``, ``lazy``, ``profile-decorate`` and ``fix`` all show planned writes the same way:
paths relative to the working directory, ``/dev/null`` for a new file, one line per line.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path


def display_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when possible (``../x`` included), POSIX style."""
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def unified_diff(changes: Iterable[tuple[Path, str | None, str]], base: Path) -> str:
    """The diff of each ``(path, old text or None for a new file, new text)``."""
    chunks: list[str] = []
    for path, old, new in changes:
        name = display_path(path, base)
        chunks.extend(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile="/dev/null" if old is None else f"a/{name}",
                tofile=f"b/{name}",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)
