"""The console script: answers ``--version`` itself, hands everything else to the Typer app.

``conftest-codemods --version`` runs in pre-commit hooks, CI steps and shell prompts; importing
Typer alone costs about half of ``black --version``'s whole process, so this module imports
nothing beyond the standard library's start-up and the package's version string. Any other
command line (``--help`` included) goes to ``codemods.cli``, which imports Typer but none of the
heavy modules until a command runs (``benchmarks/tool_speed.py --only startup``).
"""

from __future__ import annotations

import sys

from codemods.program import version_line

VERSION_FLAGS = frozenset({"--version", "-V"})


def main() -> None:
    """Entry point of the ``conftest-codemods`` script and ``python -m codemods``."""
    if len(sys.argv) == 2 and sys.argv[1] in VERSION_FLAGS:
        sys.stdout.write(version_line() + "\n")
        return
    from codemods.cli import main as run

    run()
