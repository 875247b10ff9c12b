"""Finishing or undoing a multi-file write that was killed halfway (SIGKILL, a closed laptop).

``write_atomically`` renames its staged files into place one by one, the conftest last. No file
system renames several files in one step, so a process killed between two renames leaves new
layer modules beside the old conftest (pytest still behaves as before, but the next ``migrate``
would find files it did not expect). So before its first rename a write records a journal: each
target, its staged temporary and its backup. The next run in that directory finds the journal
of a dead process and rolls the write back, or forward when the conftest (the commit point) was
already replaced, and removes the hidden temporaries and backups that a killed run left behind.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from codemods.errors import WriteError

JOURNAL_PREFIX = ".conftest-codemods."
JOURNAL_SUFFIX = ".journal"
STALE_FILE = re.compile(r"^\.conftest.*\.(?P<pid>\d+)\.(?:[^.]+\.)?(?:tmp|bak)$")
"""Hidden staging files: ``.<target>.<pid>.<random>.tmp``, ``.<target>.<pid>.bak``, ..."""


@dataclass(frozen=True)
class Entry:
    """One file of a write: where it goes, where it is staged, and its old version's backup."""

    target: Path
    temporary: Path
    backup: Path | None
    """A hard link to the old file, or ``None`` when the target did not exist."""


@contextmanager
def journal(
    staged: Mapping[Path, Path], backups: Mapping[Path, Path], last: Path
) -> Iterator[None]:
    """Record the write (on disk, before any rename) for as long as the block runs.

    ``last`` is the target renamed at the end: once its temporary is gone, the write counts
    as done. The journal appears by rename, so a reader never sees half of one.
    """
    path = last.parent / f"{JOURNAL_PREFIX}{os.getpid()}{JOURNAL_SUFFIX}"
    entries = [
        {"target": str(t), "temporary": str(s), "backup": _optional(backups.get(t))}
        for t, s in staged.items()
    ]
    payload = json.dumps({"last": str(staged[last]), "entries": entries}, indent=1)
    partial = path.with_name(path.name + ".tmp")
    try:
        with partial.open("w", encoding="utf-8") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise WriteError(
            path.parent, f"cannot write the journal: {error.strerror}", "nothing was changed"
        ) from None
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def recover_interrupted_writes(directory: Path) -> list[str]:
    """Roll back (or finish) every write in ``directory`` whose process died; clean up after it.

    Returns one line per recovered write. A journal or staging file of a process that is still
    running is left alone: that write is in progress, not interrupted.
    """
    done = [_recover(path) for path in _interrupted(directory)]
    if directory.is_dir():
        for path in directory.iterdir():
            match = STALE_FILE.match(path.name)
            if match and not _alive(int(match["pid"])) and path.is_file():
                path.unlink(missing_ok=True)
    return done


def pending_recoveries(directory: Path) -> list[str]:
    """What ``recover_interrupted_writes`` would do in ``directory``, one phrase per write,
    doing nothing: a dry run reports the recovery instead of performing it."""
    lines = []
    for path in _interrupted(directory):
        entries, committed = _read(path)
        verb = "finishes" if committed else "rolls back"
        lines.append(
            f"a killed run left a half-done write of {len(entries)} files, which the next "
            f"migrate {verb} first"
        )
    return lines


def _interrupted(directory: Path) -> list[Path]:
    """The journals in ``directory`` whose writing process is dead."""
    if not directory.is_dir():
        return []
    journals = []
    for path in sorted(directory.glob(f"{JOURNAL_PREFIX}*{JOURNAL_SUFFIX}")):
        pid = path.name.removeprefix(JOURNAL_PREFIX).removesuffix(JOURNAL_SUFFIX)
        if pid.isdigit() and not _alive(int(pid)):
            journals.append(path)
    return journals


def _read(path: Path) -> tuple[list[Entry], bool]:
    """A journal's entries, and whether its write was committed (its last target renamed in)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = [
        Entry(Path(raw["target"]), Path(raw["temporary"]), _path(raw["backup"]))
        for raw in data["entries"]
    ]
    return entries, not Path(data["last"]).exists()


def _recover(path: Path) -> str:
    entries, committed = _read(path)
    if not committed:
        for entry in reversed(entries):
            if entry.backup is not None and entry.backup.exists():
                entry.backup.replace(entry.target)
            elif entry.backup is None and not entry.temporary.exists():
                entry.target.unlink(missing_ok=True)  # it was new: renamed in, so remove it
    for entry in entries:
        entry.temporary.unlink(missing_ok=True)
        if entry.backup is not None:
            entry.backup.unlink(missing_ok=True)
    path.unlink()
    verb = "finished" if committed else "rolled back"
    return f"{path.parent}: {verb} an interrupted write of {len(entries)} files"


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _optional(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _path(value: str | None) -> Path | None:
    return None if value is None else Path(value)
