"""``conftest-codemods``: a thin Typer layer over ``codemods.api``.

Exit codes (stable): 0 done or nothing to do; 1 ``--dry-run`` found changes to make;
2 bad input, bad configuration or a failed write (one ``error:`` line on stderr, nothing written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from codemods import __version__, api
from codemods.errors import ConftestCodemodsError

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2

app = typer.Typer(
    name="conftest-codemods",
    help="Split a monolithic pytest conftest.py into lazily loaded layers, without changing "
    "a single test outcome.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"conftest-codemods {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Split a monolithic pytest conftest.py into lazily loaded layers."""


@app.command()
def migrate(
    path: Annotated[Path, typer.Argument(help="The conftest.py to split.")],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", "--diff", help="Print the unified diff and write nothing (exit 1 if any)."
        ),
    ] = False,
    backup: Annotated[
        bool,
        typer.Option(
            "--backup/--no-backup", help="Keep the original as conftest_legacy_backup.py."
        ),
    ] = True,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan", help="Write the computed plan (unit -> layer) here; migrate nothing."
        ),
    ] = None,
    from_plan: Annotated[
        Path | None, typer.Option("--from-plan", help="Apply an edited plan file.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Read [tool.conftest-codemods] from this pyproject.toml."),
    ] = None,
) -> None:
    """Split PATH into conftest_base/mocks/services/e2e.py and a generated orchestrator."""
    try:
        if plan is not None:
            written = api.write_plan_file(path, plan, config=config)
            _note(f"wrote the plan of {len(written.placements)} units to {plan}")
            raise typer.Exit(EXIT_OK)
        overrides = api.read_plan_file(from_plan) if from_plan else None
        result = api.migrate(path, config=config, overrides=overrides, backup=backup)
        if dry_run:
            _print_diff(result.diff())
        else:
            result.write()
    except ConftestCodemodsError as error:
        typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
        raise typer.Exit(EXIT_ERROR) from None
    for line in result.summary:
        _note(line)
    for warning in result.warnings:
        typer.secho(f"warning: {warning}", err=True, fg=typer.colors.YELLOW)
    if result.nothing_to_do:
        raise typer.Exit(EXIT_OK)
    if dry_run:
        _note(f"would write {len(result.changes)} files (dry run, nothing written)")
        raise typer.Exit(EXIT_CHANGES)
    _note(f"wrote {len(result.changes)} files")


def _note(message: str) -> None:
    typer.echo(message, err=True)


_DIFF_COLOURS = {"+": typer.colors.GREEN, "-": typer.colors.RED, "@": typer.colors.CYAN}


def _print_diff(diff: str) -> None:
    """The diff on stdout, coloured only when stdout is a terminal."""
    if not sys.stdout.isatty():
        typer.echo(diff, nl=False)
        return
    for line in diff.splitlines():
        header = line.startswith(("+++", "---"))
        colour = None if header else _DIFF_COLOURS.get(line[:1])
        typer.secho(line, fg=colour, bold=header)


def main() -> None:
    """Console-script entry point."""
    app()
