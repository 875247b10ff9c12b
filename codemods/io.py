"""Reading sources faithfully and writing several files as one atomic change.

Reading keeps what a round trip must not lose: the encoding (cookie or BOM) and the newline style.
Writing stages every file as a temporary next to its target first; only when all of them are on
disk are they renamed into place, with the file that switches behaviour (the conftest itself)
renamed last. Any failure restores the files that were already replaced; a run killed halfway is
rolled back or finished by the next one (``codemods.journal``).
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import tempfile
import tokenize
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from codemods.diffs import unified_diff
from codemods.errors import InputError, WriteError
from codemods.journal import journal, recover_interrupted_writes


@dataclass(frozen=True)
class SourceFile:
    """A Python file as read from disk: its text plus what is needed to write it back the same."""

    path: Path
    text: str
    encoding: str
    newline: str
    tree: ast.Module = field(compare=False, repr=False)
    """The text parsed by ``ast`` (checked to compile; reused by the conservation check)."""


@dataclass(frozen=True)
class FileChange:
    """One file a command creates or replaces (``migrate``, ``lazy``, ``profile-decorate``)."""

    path: Path
    old: str | None
    """The current text, or ``None`` when the file is new."""
    new: str
    data: bytes
    """``new`` encoded as it will be written (the input's encoding and newlines)."""


@dataclass(frozen=True)
class Changeset:
    """Every file one command would create or replace, computed in memory before anything is
    written: shown as one diff, or written all or nothing with ``last`` (the file that
    switches behaviour, the conftest itself) renamed in at the end."""

    changes: tuple[FileChange, ...] = ()
    last: Path | None = None

    def texts(self) -> dict[Path, str]:
        """Path -> the text the changeset writes there: the files as they will be, which the
        fixers ``migrate`` runs read laid over the disk."""
        return {change.path: change.new for change in self.changes}

    def with_texts(self, texts: Mapping[Path, str], like: SourceFile) -> Changeset:
        """The changeset writing ``texts`` (encoded like ``like``) instead to those paths."""
        return replace(
            self,
            changes=tuple(
                replace(change, new=texts[change.path], data=encode_text(texts[change.path], like))
                if change.path in texts
                else change
                for change in self.changes
            ),
        )

    def diff(self, relative_to: Path | None = None) -> str:
        """A unified diff of every change, paths relative to ``relative_to`` (default: cwd)."""
        changes = ((change.path, change.old, change.new) for change in self.changes)
        return unified_diff(changes, relative_to or Path.cwd())

    def write(self) -> None:
        write_atomically({change.path: change.data for change in self.changes}, last=self.last)


def read_source(path: Path) -> SourceFile:
    """Read ``path`` as Python source, refusing anything we could not write back faithfully."""
    if not path.exists():
        raise InputError(path, "no such file", "check the path")
    if path.is_dir():
        raise InputError(path, "is a directory", "pass the conftest.py file itself")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror}", "check permissions") from None
    return decode_source(path, raw)


def decode_source(path: Path, raw: bytes) -> SourceFile:
    """Decode ``raw`` with the encoding Python itself would use, then check it compiles here."""
    try:
        encoding, _ = tokenize.detect_encoding(iter(raw.splitlines(keepends=True)).__next__)
        text = raw.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError) as error:
        reason = getattr(error, "reason", None) or str(error)
        raise InputError(
            path, f"cannot decode: {reason}", "save the file as UTF-8 or declare its encoding"
        ) from None
    if encoding == "utf-8-sig":
        text = text.removeprefix("\ufeff")
    newline = detect_newline(text)
    if newline == "\r":
        # Python reads a lone CR as a line break, libcst and tokenize-based checks do not:
        # work on \n and let ``encode_text`` put the CRs back.
        text = lf_newlines(text).replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "file is empty", "there is nothing to migrate")
    tree = check_compiles(path, text)
    return SourceFile(path, text, encoding, newline, tree)


def check_compiles(path: Path, text: str) -> ast.Module:
    """Fail on syntax errors, including syntax newer than the running Python.

    Compiling the tree as well as parsing it catches what only the compiler rejects (a
    duplicate argument, ``return`` outside a function): pytest could not import such a
    conftest either, and its split modules would not compile.
    """
    try:
        with warnings.catch_warnings():
            # An invalid escape such as "\d" warns; under -W error it would refuse the file.
            warnings.simplefilter("ignore")
            tree = ast.parse(text, filename=str(path))
            compile(tree, str(path), "exec", dont_inherit=True)
    except SyntaxError as error:
        raise InputError(
            path,
            f"syntax error at line {error.lineno}: {error.msg}",
            "fix the file, or run with the Python version the project targets",
        ) from None
    return tree


def detect_newline(text: str) -> str:
    """The newline style of the first line break (what black and libcst keep too): ``\\n``,
    ``\\r\\n`` or a lone ``\\r`` (old Mac files, which Python still reads)."""
    match = re.search(r"\r\n?|\n", text)
    return match.group() if match else "\n"


def lf_newlines(text: str) -> str:
    """``text`` with ``\\r\\n`` newlines as ``\\n``, as the renderer writes them: the one place
    generated text and files on disk are brought to the same newlines before comparing."""
    return text.replace("\r\n", "\n")


def encode_text(text: str, like: SourceFile) -> bytes:
    """Encode generated ``text`` (with ``\\n`` newlines) the way ``like`` is encoded."""
    if like.newline != "\n":
        text = lf_newlines(text).replace("\n", like.newline)
    return text.encode(like.encoding)


def write_atomically(files: Mapping[Path, bytes], *, last: Path | None = None) -> None:
    """Write every file or none: stage temporaries, then rename them in, ``last`` at the end."""
    order = sorted(files, key=lambda target: (target == last, str(target)))
    for directory in sorted({target.parent for target in order}):
        recover_interrupted_writes(directory)
    for target in order:
        if not os.access(target.parent, os.W_OK):
            raise WriteError(target.parent, "directory is not writable", "check permissions")
    staged: dict[Path, Path] = {}
    try:
        for target in order:
            staged[target] = _stage(target, files[target])
        _replace_all(staged)
    finally:
        for temporary in staged.values():
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()


def _stage(target: Path, content: bytes) -> Path:
    """Write ``content`` to a hidden temporary beside ``target``, flushed to disk."""
    prefix = f".{target.name}.{os.getpid()}."
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            temporary.chmod(target.stat().st_mode & 0o7777)
        else:
            temporary.chmod(0o666 & ~_umask())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise WriteError(target, f"cannot write: {error.strerror}", "check disk space") from None
    return temporary


def _replace_all(staged: Mapping[Path, Path]) -> None:
    """Rename the staged files over their targets; on failure put the old files back."""
    if not staged:
        return
    with _backups(list(staged)) as backups, journal(staged, backups, list(staged)[-1]):
        done: list[Path] = []
        try:
            for target, temporary in staged.items():
                temporary.replace(target)
                done.append(target)
        except OSError as error:
            for target in reversed(done):
                _restore(target, backups.get(target))
            raise WriteError(
                target, f"cannot replace: {error.strerror}", "nothing was changed"
            ) from None


@contextlib.contextmanager
def _backups(targets: list[Path]) -> Iterator[dict[Path, Path]]:
    """Hard links to the current versions of ``targets``, removed when the block ends."""
    backups: dict[Path, Path] = {}
    try:
        for target in targets:
            if target.exists():
                backup = target.with_name(f".{target.name}.{os.getpid()}.bak")
                try:
                    backup.unlink(missing_ok=True)
                    os.link(target, backup)
                except OSError as error:
                    raise WriteError(
                        target, f"cannot back up: {error.strerror}", "nothing was changed"
                    ) from None
                backups[target] = backup
        yield backups
    finally:
        for backup in backups.values():
            backup.unlink(missing_ok=True)


def _restore(target: Path, backup: Path | None) -> None:
    if backup is None:
        target.unlink(missing_ok=True)
    else:
        restoring = target.with_name(f".{target.name}.{os.getpid()}.restore.tmp")
        os.link(backup, restoring)
        restoring.replace(target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
