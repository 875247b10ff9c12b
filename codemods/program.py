"""The program's name and its ``--version`` line, shared by the console script and the Typer app.

Its own module (standard library only) so that ``codemods.entry`` answers ``--version`` without
importing ``codemods.cli``, and ``codemods.cli`` prints the same line without importing the
script that imports it (no import cycle between the two).
"""

from __future__ import annotations

from codemods import __version__

PROGRAM = "conftest-codemods"


def version_line() -> str:
    """What ``--version`` prints; the Typer app's ``--version`` prints the same line."""
    return f"{PROGRAM} {__version__}"
