"""Where the CLI's words go: data on stdout, notes, warnings and errors on stderr.

One ``Console`` per command run carries ``--quiet`` and ``--color``, so every command treats
them alike: ``-q`` drops the notes and summary lines (data, warnings and errors stay), and
colour follows ``--color``, then ``NO_COLOR``, then ``FORCE_COLOR``, then whether the stream is
a terminal (the conventions of ruff and black; https://no-color.org).
"""

from __future__ import annotations

import enum
import os
import sys
from dataclasses import dataclass
from typing import TextIO

import typer


class Color(str, enum.Enum):
    """The ``--color`` choices."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def use_color(choice: Color, stream: TextIO) -> bool:
    """Whether to write ANSI colours to ``stream``."""
    if choice is not Color.AUTO:
        return choice is Color.ALWAYS
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


_DIFF_COLORS = {"+": typer.colors.GREEN, "-": typer.colors.RED, "@": typer.colors.CYAN}


@dataclass(frozen=True)
class Console:
    quiet: bool = False
    color: Color = Color.AUTO

    def data(self, text: str, *, nl: bool = True) -> None:
        """What the command was asked for: findings, a graph, a table, JSON."""
        typer.echo(text, nl=nl)

    def note(self, message: str) -> None:
        """Progress and summary lines; ``--quiet`` drops them."""
        if not self.quiet:
            typer.echo(message, err=True)

    def warning(self, message: str) -> None:
        self._err(f"warning: {message}", typer.colors.YELLOW)

    def error(self, message: str) -> None:
        self._err(f"error: {message}", typer.colors.RED)

    def diff(self, diff: str) -> None:
        """A unified diff on stdout: added lines green, removed red, hunk headers cyan."""
        if not use_color(self.color, sys.stdout):
            typer.echo(diff, nl=False, color=False)
            return
        for line in diff.splitlines():
            header = line.startswith(("+++", "---"))
            colour = None if header else _DIFF_COLORS.get(line[:1])
            typer.secho(line, fg=colour, bold=header, color=True)

    def _err(self, line: str, colour: str) -> None:
        typer.secho(line, err=True, fg=colour, color=use_color(self.color, sys.stderr))
