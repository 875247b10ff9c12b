"""Errors that reach the user as one line on stderr and exit code 2, with nothing written.

Every message has the shape ``<path>: <what is wrong> (<what to do>)``; the CLI prefixes
``error: ``. Raising one of these anywhere before the write step leaves the tree untouched.
"""

from __future__ import annotations

from pathlib import Path


class ConftestCodemodsError(Exception):
    """A problem with the user's input, configuration or file system."""

    def __init__(self, path: Path | str, what: str, hint: str) -> None:
        super().__init__(f"{path}: {what} ({hint})")
        self.path = Path(path)
        self.what = what
        self.hint = hint


class InputError(ConftestCodemodsError):
    """The file to migrate cannot be read, decoded or parsed, or is the wrong kind of file."""


class ConfigError(ConftestCodemodsError):
    """``[tool.conftest-codemods]`` or a plan file holds something we do not understand."""


class WriteError(ConftestCodemodsError):
    """Writing the result failed; every file was restored to what it was before."""


class ConservationError(ConftestCodemodsError):
    """The split would lose or duplicate a statement or comment: a bug, so nothing is written."""
